// The JVM floor: a class that prints a line, run with the launcher's JVM, flags and kind of
// class-data archive. What any Java command costs before it does anything.
package floor;

public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
