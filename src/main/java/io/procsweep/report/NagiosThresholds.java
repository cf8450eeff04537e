package io.procsweep.report;

/**
 * The thresholds of {@code --format nagios}, applied to the number of findings in scope.
 *
 * @param warning WARNING when this range alerts; null for no warning threshold
 * @param critical CRITICAL when this range alerts (checked first); null for none
 */
public record NagiosThresholds(NagiosRange warning, NagiosRange critical) {
  /** Warning {@code 0} (any finding warns), no critical: what a check without options does. */
  public static final NagiosThresholds DEFAULT =
      new NagiosThresholds(NagiosRange.parse("0"), null);

  /** The state for {@code findings} findings from a table that was read whole. */
  public NagiosStatus judge(long findings) {
    if (critical != null && critical.alerts(findings)) {
      return NagiosStatus.CRITICAL;
    }
    if (warning != null && warning.alerts(findings)) {
      return NagiosStatus.WARNING;
    }
    return NagiosStatus.OK;
  }
}
