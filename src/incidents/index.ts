export { IncidentCorrelator, type CorrelatorOptions, type CorrelationResult } from './correlator.js';
export { incidentsConfigSchema, type IncidentsConfig } from './config.js';
export { incidentSeverity, severityRank, type SeverityInput } from './severity.js';
export { findingKey, normaliseIp, normaliseHostName } from './keys.js';
export { changeIncident, parseIncidentStatus, INCIDENT_STATUSES, type IncidentChange } from './workflow.js';
export { loadIncidentView, type IncidentView, type DestinationView, type DocumentView, type FindingView } from './view.js';
export { buildReport, type ReportModel, type ReportSection, type ReportContext } from './report/model.js';
export { renderMarkdown, renderHtml } from './report/render.js';
export { recordAction } from './actions.js';
