package io.swinlens.ui.teaching;

import io.swinlens.i18n.Messages;

import java.util.Locale;

/**
 * The teaching and analysis views, in tab and Teach-menu order (Ctrl+1..9). The titles come from the
 * {@code teaching} bundle ({@code teach.ui.tab.<id>} and {@code teach.ui.menu.<id>}); the constant's name is
 * an id, never shown.
 */
public enum TeachingTab {
    SCORES, BIAS, SHIFT, ROLLOUT, CAM, STATS, BLOCK, EMBED, MERGE;

    /** The key of the short title on the tab, for {@code Tr.bind(tab, key)}. */
    public String tabKey() { return "teach.ui.tab." + name().toLowerCase(Locale.ROOT); }

    /** The key of the full name in the Teach menu, for {@code Tr.bind(menuItem, key)}. */
    public String menuKey() { return "teach.ui.menu." + name().toLowerCase(Locale.ROOT); }

    /** The short title on the tab, in the current language. */
    public String tabTitle() { return Messages.get(tabKey()); }

    /** The full name in the Teach menu, in the current language. */
    public String menuTitle() { return Messages.get(menuKey()); }
}
