package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted pickle reader (protocols 0-5, the opcodes torch.save emits plus common extras).
 * It executes nothing: globals are resolved by {@link Hooks#global}, which returns Java stand-ins
 * (allowlisted rebuild functions, {@link Inert}) or throws UNSAFE. Python values map to Java as:
 * None = null, int = Long/BigInteger, float = Double, str = String, bytes = byte[],
 * list = ArrayList, tuple = unmodifiable List, dict = LinkedHashMap, set = LinkedHashSet.
 * Follows CPython's Lib/pickle.py {@code _Unpickler} semantics.
 */
final class Unpickler {

    /** Resolves globals and persistent ids; the only ways a pickle can reach outside data. */
    interface Hooks {
        Object global(String module, String name) throws WeightsException;

        Object persistentLoad(Object pid) throws WeightsException;
    }

    private final PickleInput in;
    private final Hooks hooks;
    private final Path file;
    private final String entry;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    Unpickler(byte[] data, Path file, String entry, Hooks hooks) {
        this.in = new PickleInput(data, file, entry);
        this.file = file;
        this.entry = entry;
        this.hooks = hooks;
    }

    /** Runs the pickle to STOP and returns the top object. */
    Object load() throws WeightsException {
        while (true) {
            int at = in.position();
            int op = in.u8();
            try {
                if (op == '.') {
                    return pop();
                }
                step(op);
            } catch (ClassCastException | UnsupportedOperationException | IndexOutOfBoundsException
                     | ArithmeticException | NullPointerException e) {
                throw corrupt(at, Messages.get("error.pickle.opcodeStack", op));
            } catch (NumberFormatException e) {
                throw corrupt(at, Messages.get("error.pickle.opcodeNumber", op));
            }
        }
    }

    private void step(int op) throws WeightsException {
        int at = in.position() - 1;
        switch (op) {
            case 0x80 -> in.u8();                                     // PROTO
            case 0x95 -> in.u64();                                    // FRAME: length, ignored
            case '}' -> push(new LinkedHashMap<>());                  // EMPTY_DICT
            case ']' -> push(new ArrayList<>());                      // EMPTY_LIST
            case ')' -> push(tuple(List.of()));                       // EMPTY_TUPLE
            case 0x8f -> push(new LinkedHashSet<>());                 // EMPTY_SET
            case '(' -> marks.add(stack.size());                      // MARK
            case 'X' -> push(in.utf8(in.length32()));                 // BINUNICODE
            case 0x8c -> push(in.utf8(in.u8()));                      // SHORT_BINUNICODE
            case 0x8d -> push(in.utf8(in.u64()));                     // BINUNICODE8
            case 'T' -> push(in.latin1(in.length32()));               // BINSTRING
            case 'U' -> push(in.latin1(in.u8()));                     // SHORT_BINSTRING
            case 'B' -> push(in.bytes(in.length32()));                // BINBYTES
            case 'C' -> push(in.bytes(in.u8()));                      // SHORT_BINBYTES
            case 0x8e -> push(in.bytes(in.u64()));                    // BINBYTES8
            case 'q' -> memo.put((long) in.u8(), peek());             // BINPUT
            case 'r' -> memo.put(in.u32(), peek());                   // LONG_BINPUT
            case 'p' -> memo.put(Long.parseLong(in.line().trim()), peek()); // PUT
            case 0x94 -> memo.put((long) memo.size(), peek());        // MEMOIZE
            case 'h' -> push(memoGet(in.u8(), at));                   // BINGET
            case 'j' -> push(memoGet(in.u32(), at));                  // LONG_BINGET
            case 'g' -> push(memoGet(Long.parseLong(in.line().trim()), at)); // GET
            case 'c' -> push(hooks.global(in.line(), in.line()));     // GLOBAL
            case 0x93 -> {                                            // STACK_GLOBAL
                String name = (String) pop();
                push(hooks.global((String) pop(), name));
            }
            case 'i' -> {                                             // INST (protocol 0)
                Object cls = hooks.global(in.line(), in.line());
                push(instantiate(cls, popMark()));
            }
            case 'o' -> {                                             // OBJ
                List<Object> items = popMark();
                push(instantiate(items.get(0), items.subList(1, items.size())));
            }
            case 'J' -> push((long) in.s32());                        // BININT
            case 'K' -> push((long) in.u8());                         // BININT1
            case 'M' -> push((long) in.u16());                        // BININT2
            case 0x8a -> push(littleEndianInt(in.bytes(in.u8())));    // LONG1
            case 0x8b -> push(littleEndianInt(in.bytes(in.length32()))); // LONG4
            case 'I' -> push(textInt(in.line()));                     // INT
            case 'L' -> push(textInt(in.line().replace("L", "")));    // LONG
            case 'G' -> push(in.f64());                               // BINFLOAT
            case 'F' -> push(Double.parseDouble(in.line().trim()));   // FLOAT
            case 0x88 -> push(Boolean.TRUE);                          // NEWTRUE
            case 0x89 -> push(Boolean.FALSE);                         // NEWFALSE
            case 'N' -> push(null);                                   // NONE
            case 't' -> push(tuple(popMark()));                       // TUPLE
            case 0x85 -> push(tuple(popN(1)));                        // TUPLE1
            case 0x86 -> push(tuple(popN(2)));                        // TUPLE2
            case 0x87 -> push(tuple(popN(3)));                        // TUPLE3
            case 'l' -> push(new ArrayList<>(popMark()));             // LIST
            case 'd' -> push(dict(popMark()));                        // DICT
            case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
            case 'a' -> {                                             // APPEND
                Object value = pop();
                asList(peek()).add(value);
            }
            case 'e' -> {                                             // APPENDS
                List<Object> items = popMark();
                asList(peek()).addAll(items);
            }
            case 0x90 -> {                                            // ADDITEMS
                List<Object> items = popMark();
                asSet(peek()).addAll(items);
            }
            case 's' -> {                                             // SETITEM
                Object value = pop();
                Object key = pop();
                asMap(peek()).put(key, value);
            }
            case 'u' -> {                                             // SETITEMS
                List<Object> items = popMark();
                asMap(peek()).putAll(dict(items));
            }
            case '0' -> pop();                                        // POP
            case '1' -> popMark();                                    // POP_MARK
            case '2' -> push(peek());                                 // DUP
            case 'R' -> {                                             // REDUCE
                List<Object> args = asArgs(pop());
                push(instantiate(pop(), args));
            }
            case 0x81 -> {                                            // NEWOBJ
                List<Object> args = asArgs(pop());
                push(instantiate(pop(), args));
            }
            case 0x92 -> {                                            // NEWOBJ_EX: kwargs ignored
                pop();
                List<Object> args = asArgs(pop());
                push(instantiate(pop(), args));
            }
            case 'b' -> pop();  // BUILD: state would set attributes; nothing here has any we need
            case 'Q' -> push(hooks.persistentLoad(pop()));            // BINPERSID
            case 'P' -> push(hooks.persistentLoad(in.line()));        // PERSID
            default -> throw corrupt(at, Messages.get("error.pickle.opcodeUnknown", op));
        }
    }

    /** REDUCE/NEWOBJ/INST/OBJ: only allowlisted callables run; anything else stays inert. */
    private Object instantiate(Object callable, List<Object> args) throws WeightsException {
        if (callable instanceof PickleCallable c) {
            return c.call(args);
        }
        if (callable instanceof Inert inert) {
            return new Inert(inert.global());
        }
        throw corrupt(in.position() - 1, Messages.get("error.pickle.notCallable", describe(callable)));
    }

    private Object memoGet(long key, int at) throws WeightsException {
        if (!memo.containsKey(key)) {
            throw corrupt(at, Messages.get("error.pickle.memoMissing", key));
        }
        return memo.get(key);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static Map<Object, Object> dict(List<Object> flat) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    private static Object littleEndianInt(byte[] b) {
        if (b.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            bigEndian[i] = b[b.length - 1 - i];
        }
        BigInteger v = new BigInteger(bigEndian);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object textInt(String line) {
        String s = line.trim();
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        // no state dict holds a number of hundreds of digits; parsing a megabyte of them costs a minute
        if (s.length() > MAX_INT_DIGITS) throw new NumberFormatException("integer of " + s.length() + " digits");
        BigInteger v = new BigInteger(s);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static final int MAX_INT_DIGITS = 400;

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> asSet(Object o) {
        return (Set<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) {
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asArgs(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object peek() {
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        return stack.remove(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private List<Object> popMark() {
        int mark = marks.remove(marks.size() - 1);
        return popN(stack.size() - mark);
    }

    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Inert i) {
            return "'" + i.global() + "' object";
        }
        if (o instanceof String s) {
            return "'" + io.swinlens.model.io.Printable.quoted(s) + "'";
        }
        if (o instanceof List<?> l) {              // tuples are the unmodifiable lists (see tuple)
            return Messages.get(l instanceof ArrayList ? "error.pickle.describe.list" : "error.pickle.describe.tuple", l.size());
        }
        if (o instanceof java.util.Map<?, ?> m) return Messages.get("error.pickle.describe.dict", m.size());
        if (o instanceof byte[] b) return Messages.get("error.pickle.describe.bytes", b.length);
        return o instanceof Number || o instanceof Boolean ? io.swinlens.model.io.Printable.quoted(o.toString())
                : Messages.get("error.pickle.describe.other", o.getClass().getSimpleName());
    }

    private WeightsException corrupt(int offset, String detail) {
        return WeightsException.of(WeightsException.Kind.CORRUPT, file,
                Messages.get("error.pickle.malformed", entry, offset, detail));
    }
}
