package capsid.coverage.sample;

import capsid.coverage.Probes;
import java.util.BitSet;

/** Run in a child JVM with the agent: prints what the runtime saw. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.out.println("installed-before " + Probes.installed());
        System.out.println("sign " + Sample.sign(5));
        System.out.println("polygon " + new Sample.Square().polygon());
        System.out.println("count " + Probes.count());
        var s = Probes.snapshot();
        for (String id : new String[] {"capsid/coverage/sample/Sample.sign(I)I#0",
            "capsid/coverage/sample/Sample.sign(I)I#1", "capsid/coverage/sample/Sample.sign(I)I#2",
            "capsid/coverage/sample/Sample$Shape.polygon()Z#0"}) {
            System.out.println("hit " + id + " " + s.count(id));
        }
        BitSet seen = new BitSet();
        System.out.println("new " + Probes.collectNew(seen) + " again " + Probes.collectNew(seen));
        System.out.println("actions " + s.entries().get("capsid/coverage/sample/Sample.sign(I)I#0").probe().actions());
    }
}
