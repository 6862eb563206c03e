package tw.jiaohao.archfixture.main;

/** Fixture: a program that forgets the uncaught-bug handler. */
public final class ForgetfulMain {
    private ForgetfulMain() {
    }

    public static void main(String[] args) {
        System.out.println("no handler");
    }
}
