package io.procsweep.report;

import io.procsweep.rules.Severity;
import io.procsweep.scan.ScanResult;

/**
 * What a report writer renders.
 *
 * @param toolVersion procsweep's version
 * @param result the scan
 * @param failOn the gate threshold, or null when the gate is off
 * @param gateFailed whether a finding reached the threshold
 */
public record Report(String toolVersion, ScanResult result, Severity failOn, boolean gateFailed) {}
