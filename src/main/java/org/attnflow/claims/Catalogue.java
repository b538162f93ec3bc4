package org.attnflow.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The claims C1–C11 of spec/math.md §4 and C12–C15 of §7.5, in order. */
public final class Catalogue {
    private Catalogue() {}

    public static List<Claim> all() {
        return List.of(new C1CausalConsensus(), new C2ValueSpectrum(), new C3RenyiParking(), new C4FullAttentionConsensus(),
                new C5HemisphereExponential(), new C6Metastability(), new C7BooleanAttention(), new C8Polytope(), new C9Hyperplanes(),
                new C10Contraction(), new C11Paranormal(), new C12InitialSpeed(), new C13CollapseSpeed(), new C14RadialGrowth(),
                new C15ClusteringByScheme());
    }

    /** The claims named in {@code only} ("C1,C3", case-insensitive), or all when {@code only} is null or empty. */
    public static List<Claim> select(List<String> only) {
        if (only == null || only.isEmpty()) return all();
        Map<String, Claim> byId = new LinkedHashMap<>();
        for (Claim c : all()) byId.put(c.id(), c);
        List<Claim> out = new ArrayList<>();
        for (String id : only) {
            Claim c = byId.get(id.trim().toUpperCase(Locale.ROOT));
            if (c == null) throw new IllegalArgumentException("unknown claim '" + id.trim() + "'; known: " + String.join(", ", byId.keySet()));
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }
}
