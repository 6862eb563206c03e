package tw.jiaohao.archfixture.cycle.a;

/** Fixture: half of a package cycle (a → b → a). */
public class A {
    public tw.jiaohao.archfixture.cycle.b.B b;
}
