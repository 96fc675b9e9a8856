package io.swinlens.ui.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.teaching.HeadStatistic;
import io.swinlens.analysis.teaching.HeadStatisticsPlot;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.ui.common.AnalysisOnScreen;
import io.swinlens.ui.common.Tr;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Mean attention distance against depth for every head (a ScatterChart coloured by stage, as in the
 * ViT paper's figure) beside a sortable table with the entropy. Clicking a point or a row opens that head
 * in the Image view. Export writes the same plot drawn with Java2D ({@link HeadStatisticsPlot}).
 */
public final class HeadStatisticsView extends TeachingView {

    private final NumberAxis depthAxis = new NumberAxis();
    private final NumberAxis distanceAxis = new NumberAxis();
    private final ScatterChart<Number, Number> chart = new ScatterChart<>(depthAxis, distanceAxis);
    private final TableView<HeadStatistic> table = new TableView<>();
    private final ObservableList<HeadStatistic> rows = FXCollections.observableArrayList();
    private final Runnable openImageView;
    private List<HeadStatistic> stats = List.of();

    /** @param openImageView switches to the Image view after a head was chosen */
    public HeadStatisticsView(AnalysisOnScreen screen, ObservableBooleanValue showing, Executor renderThread, Runnable openImageView) {
        super("statsView", screen, showing, renderThread);
        this.openImageView = openImageView;
        depthAxis.labelProperty().bind(Tr.text("teach.ui.stats.axis.depth"));
        distanceAxis.labelProperty().bind(Tr.text("teach.ui.stats.axis.distance"));
        depthAxis.setAutoRanging(false);
        depthAxis.setLowerBound(-1);
        depthAxis.setTickUnit(1);
        depthAxis.setMinorTickVisible(false);
        depthAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override public String toString(Number n) {
                int v = n.intValue();
                return v < 0 || v >= depthAxis.getUpperBound() ? "" : Integer.toString(v);
            }

            @Override public Number fromString(String text) { return Integer.parseInt(text); }
        });
        // the stage colours of the exported plot, for the points and the legend alike
        chart.getStylesheets().add(HeadStatisticsView.class.getResource("teaching.css").toExternalForm());
        chart.setId("statsChart");
        chart.setAnimated(false);
        chart.setVerticalZeroLineVisible(false);
        chart.titleProperty().bind(Tr.text("teach.ui.stats.title"));
        table.setId("statsTable");
        table.setPlaceholder(Tr.bind(new javafx.scene.control.Label(), "teach.ui.stats.empty"));     // JavaFX's own follows the JVM locale only
        javafx.collections.transformation.SortedList<HeadStatistic> sorted = new javafx.collections.transformation.SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().addAll(List.of(
                column("teach.ui.stats.column.stage", HeadStatistic::stage), column("teach.ui.stats.column.block", HeadStatistic::block),
                column("teach.ui.stats.column.head", HeadStatistic::head),
                number(column("teach.ui.stats.column.distance", HeadStatistic::meanDistancePx), "%.1f"),
                number(column("teach.ui.stats.column.entropy", HeadStatistic::entropyNats), "%.3f")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<HeadStatistic> row = new TableRow<>();
            row.setOnMouseClicked(e -> { if (e.getButton() == MouseButton.PRIMARY && !row.isEmpty()) open(row.getItem()); });
            return row;
        });
        table.setMinWidth(table.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 20);
        SplitPane split = new SplitPane(chart, table);
        split.setDividerPositions(0.62);
        setCenter(split);
        controls.getChildren().add(Tr.bind(new javafx.scene.control.Label(), "teach.ui.stats.hint"));
    }

    private static <T extends Comparable<T>> TableColumn<HeadStatistic, T> column(String key, Function<HeadStatistic, T> value) {
        TableColumn<HeadStatistic, T> c = new TableColumn<>();
        c.textProperty().bind(Tr.text(key));
        // the header stays readable when the window is narrow, in either language (a Chinese glyph is about two Latin ones wide)
        c.setMinWidth(18 + Math.max(7.5 * Messages.in(Language.ENGLISH, key).length(),
                14 * Messages.in(Language.SIMPLIFIED_CHINESE, key).length()));
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /** The column's numbers right-aligned with a fixed count of decimals ("1.370" under "1.508"); it sorts by the value. */
    private static <T extends Number & Comparable<T>> TableColumn<HeadStatistic, T> number(TableColumn<HeadStatistic, T> c, String format) {
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(java.util.Locale.ROOT, format, item.doubleValue()));
            }
        });
        return c;
    }

    @Override protected void redraw(AnalysedImage a) {
        draw(() -> {
            List<HeadStatistic> s = TeachingImages.statistics(a);
            stats = s;
            return TeachingImages.statistics(a, s);
        }, () -> fill(a));
    }

    private void fill(AnalysedImage a) {
        List<HeadStatistic> s = stats;
        rows.setAll(s);
        chart.getData().clear();
        int blocks = 0;
        for (int d : HeadStatisticsPlot.depths(s)) blocks = Math.max(blocks, d + 1);
        depthAxis.setUpperBound(blocks);
        int[] depth = HeadStatisticsPlot.depths(s);
        for (int stage = 0; stage < a.stages(); stage++) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(Tr.get("teach.ui.stats.series", stage));
            for (int k = 0; k < s.size(); k++) {
                if (s.get(k).stage() != stage) continue;
                XYChart.Data<Number, Number> d = new XYChart.Data<>(depth[k], s.get(k).meanDistancePx());
                d.setExtraValue(s.get(k));
                series.getData().add(d);
            }
            chart.getData().add(series);
        }
        for (XYChart.Series<Number, Number> series : chart.getData()) {
            for (XYChart.Data<Number, Number> d : series.getData()) {
                HeadStatistic st = (HeadStatistic) d.getExtraValue();
                d.getNode().setId("point-s%db%dh%d".formatted(st.stage(), st.block(), st.head()));
                Tooltip.install(d.getNode(), new Tooltip(Tr.get("teach.ui.stats.point",
                        st.stage(), st.block(), st.head(), st.meanDistancePx(), st.entropyNats())));
                d.getNode().setOnMouseClicked(e -> open(st));
            }
        }
        status.setText(Tr.get("teach.ui.stats.status", s.size(), a.modelName()));
    }

    /** Sets the main view to this head and shows it. */
    public void open(HeadStatistic s) {
        screen.showHead(s.stage(), s.block(), HeadChoice.one(s.head()));
        openImageView.run();
    }

    public TableView<HeadStatistic> table() { return table; }

    public ScatterChart<Number, Number> chart() { return chart; }

    @Override public BufferedImage exportImage() { return picture(); }

    @Override public String exportName() { return "stats"; }
}
