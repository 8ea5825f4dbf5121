// The public face of the HTML and Markdown reports: the model to fill, the ranking pass, the
// streaming writers and the in-memory renderers, plus the chart renderer for callers that write
// SVG files next to a Markdown report.

export type {
  AccountReport,
  ByConfidence,
  ContagionSection,
  ContagionSectionCause,
  ContagionSectionEntry,
  ContagionSectionMatrix,
  JointBoundarySection,
  JointBoundarySectionAxis,
  LossHistogram,
  ModeSimulationSummary,
  PerMode,
  ReplaySeries,
  ReportInputs,
  ReportModel,
  SimulationInputs,
  SimulationSection,
} from './report-model.js';
export { DEFAULT_REPORT_TITLE } from './report-model.js';
export { summarizeAccount, type AccountRiskSummary, type ModeRisk } from './account-risk-summary.js';
export { RiskRanking, type RankedAccount, type RiskRankingOptions } from './risk-ranking.js';
export {
  DEFAULT_DETAILED_ACCOUNTS,
  accountAnchor,
  createHtmlReportWriter,
  renderHtmlReport,
  type HtmlReportOptions,
  type HtmlReportWriter,
} from './render-html.js';
export {
  createMarkdownReportWriter,
  renderMarkdownReport,
  type ChartRef,
  type MarkdownReportOptions,
  type MarkdownReportWriter,
} from './render-markdown-report.js';
export {
  CHART_KINDS,
  accountChartSpecs,
  renderAccountCharts,
  type AccountChartOptions,
  type ChartKind,
  type ChartSpecEntry,
  type RenderedChart,
} from '../charts/account-charts.js';
