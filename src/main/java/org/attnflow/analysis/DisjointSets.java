package org.attnflow.analysis;

/** Union-find over 0..n−1 with path halving and union by size: the transitive closure of a pair relation. */
final class DisjointSets {
    private final int[] parent;
    private final int[] size;

    DisjointSets(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    void union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return;
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }

    /** Labels 0..k−1 numbered in order of each set's first element, so that labels are deterministic. */
    int[] labels() {
        int n = parent.length;
        int[] rootLabel = new int[n];
        java.util.Arrays.fill(rootLabel, -1);
        int[] labels = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(i);
            if (rootLabel[r] < 0) rootLabel[r] = next++;
            labels[i] = rootLabel[r];
        }
        return labels;
    }
}
