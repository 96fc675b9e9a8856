package io.swinlens.ui.teaching;

/** The teaching and analysis views, in tab and Teach-menu order (Ctrl+1..9). */
public enum TeachingTab {
    SCORES("Scores", "Score decomposition"),
    BIAS("Bias", "Relative position bias"),
    SHIFT("Shift", "Cyclic shift"),
    ROLLOUT("Rollout", "Attention rollout"),
    CAM("CAM", "Class activation map"),
    STATS("Head stats", "Head statistics"),
    BLOCK("Block", "The whole block, step by step"),
    EMBED("Embed", "Patch embedding"),
    MERGE("Merge", "Patch merging");

    private final String tabTitle;
    private final String menuTitle;

    TeachingTab(String tabTitle, String menuTitle) {
        this.tabTitle = tabTitle;
        this.menuTitle = menuTitle;
    }

    /** The short title on the tab. */
    public String tabTitle() { return tabTitle; }

    /** The full name in the Teach menu. */
    public String menuTitle() { return menuTitle; }
}
