package tw.jiaohao.archfixture.cycle.b;

/** Fixture: the other half of a package cycle (b → a). */
public class B {
    public tw.jiaohao.archfixture.cycle.a.A a;
}
