package io.procsweep.cli;

/** Entry point (skeleton). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("procsweep: not built yet");
  }
}
