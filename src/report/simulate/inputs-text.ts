// The inputs of a simulation in one line, for the table and Markdown outputs of simulate: what
// was simulated and how to repeat it (seed included).

import type { SimulateReportInputs } from './simulate-document.js';

/** The inputs in one line: what was simulated and how to repeat it. */
export function simulateInputsLine(inputs: SimulateReportInputs): string {
  const vols = [...inputs.vols].map(([symbol, vol]) => `${symbol}=${vol}`).join(' ');
  const correlation =
    inputs.correlation.source === 'calibration' ? 'calibrated correlation' : inputs.correlation.source === 'constant' ? `correlation ${inputs.correlation.rho}` : `correlation from ${inputs.correlation.file}`;
  const history = inputs.calibration.kind === 'built-in' ? 'the built-in hourly returns' : inputs.calibration.files.join(', ');
  const calibration = inputs.calibration.kind === 'built-in' ? 'built-in calibration' : `calibrated on ${history}`;
  const parts = [
    `${inputs.paths.toLocaleString('en-US')} paths over ${inputs.horizon} in ${inputs.steps} step${inputs.steps === 1 ? '' : 's'}`,
    `model ${inputs.model}${inputs.df === null ? '' : ` (df ${inputs.df})`}`,
    `seed ${inputs.seed}`,
    ...(inputs.model === 'bootstrap' ? [`resampling ${history}`] : [calibration, correlation]),
    ...(vols === '' ? [] : [`--vol ${vols}`]),
    ...(inputs.exportRead === undefined ? [`venue ${inputs.venue}`] : [`read as ${inputs.exportRead.formatIn}`]),
    `allocation ${inputs.allocation}`,
    ...(inputs.slippageBps > 0 ? [`slippage ${inputs.slippageBps} bps`] : []),
  ];
  return `Monte Carlo: ${parts.join(', ')}`;
}
