/**
 * acs-gatekeeper: the library. Everything the acs-gate command line does is available here, with types.
 *
 *   import { verifyFile, assessReadiness, loadInventory, simulate, fleetReport } from 'acs-gatekeeper';
 *
 * Test helpers (profile builders, jest matchers, the seed's scenarios) are in 'acs-gatekeeper/testing'.
 * The reference of every export is docs/api.md (generated from this file by scripts/gen-api.ts).
 */

// Authenticode / ACS verifier (PE and MSI)
export { verifyFile, verifyFiles, isIoError } from './api/authenticode';
export { VerifyError, isVerifyError, bundledAcsRoot, bundledMicrosoftCertificates } from './authenticode';
export { pemCertificates, toX509 } from './api/authenticode';
export {
  FAILURE_CODES,
  ACS_ROOT_2020_PEM,
  ACS_ROOT_2020_SHA1,
  ACS_ROOT_2020_SHA256,
} from './authenticode';
export type {
  VerificationResult,
  SignatureReport,
  VerifyOptions,
  Failure,
  FailureCode,
  Verdict,
  FileFormat,
  DigestAlgorithm,
  CertificateInput,
  CrlInput,
  RevocationReport,
  RevocationDetail,
  DeepEntry,
  DeepSummary,
  DeepOptions,
  SignedBy,
} from './authenticode';

// Machine readiness
export { MachineProfileSchema, RootStoreEntrySchema } from './endpoint/profile';
export { parseProfile } from './endpoint/parse-profile';
export { ProfileError, isProfileError } from './endpoint/profile';
export type { MachineProfile, MachineProfileInput, RootStoreEntry, ProfileIssue } from './endpoint/profile';
export { READINESS_CODES } from './endpoint/types';
export type { Readiness, ReadinessOptions, ReadinessReason, ReadinessCode, Tri } from './endpoint/types';
export { assessReadiness } from './api/endpoint';
export { machineTrustAnchors } from './api/endpoint';
export type { TrustAnchorOptions } from './endpoint/trust';
export { loadInventory } from './api/endpoint';
export type { InventoryItem } from './endpoint/inventory';
export { InputError, isInputError } from './errors/input';
export { ExportFormatError } from './endpoint/errors';

// Install paths
export { simulate } from './api/installers';
export type { SimulateOptions } from './installers/simulate';
export type { AcsVerifier } from './installers/verifier';
export { INSTALL_PATHS } from './installers/paths';
export { INSTALL_PATH_IDS, RUN_REASON_CODES } from './installers/types';
export type {
  InstallPath,
  InstallPathInfo,
  SimulateInput,
  SimulateSettings,
  SimulateTrust,
  Artifact,
  PathRun,
  Popup,
  RunReason,
  Decision,
  UpdateScope,
  CycleSummary,
  Transition,
  MachineChange,
} from './installers/types';
// The install-path machines themselves: run one with your own ACS check (a stub, a remote service)
export {
  INSTALLER_MACHINES,
  UPDATE_MACHINES,
  ACS_CHECK,
} from './installers/machines';
export { acsCheckActor } from './api/installers';
export {
  agentProgramUpdateMachine,
  autoPccMachine,
  engineUpdateMachine,
  msiMachine,
  packagerExeMachine,
  patternUpdateMachine,
  remoteInstallMachine,
  saasMsiMachine,
  saasWebInstallerMachine,
  serverPatchMachine,
} from './installers/machines';
export type { AcsCheckRequest, AcsCheckAnswer, InstallerInput, InstallerContext, UpdateInput, UpdateContext } from './installers/context';

// Messages and event log
export { CATALOG, MESSAGE_IDS, LANGS } from './messages/catalog';
export { renderMessage } from './api/messages';
export type { CatalogMessage, MessageId, MessageParams, RenderedMessage, Lang, Provenance, WindowKind } from './messages/catalog';
export * from './api/eventlog';

// Fleet report
export { fleetReport } from './api/report';
export { defaultFleetDeps } from './report/default-deps';
export { runFleetReport, chooseRuns } from './api/report';
export type { FleetOptions, FleetResult, FleetDeps } from './report/fleet';
export { FleetAggregator } from './api/report';
export { type SummaryMeta, type SummaryMetaInput } from './report/aggregate';
export { renderHtml } from './api/report';
export type { FleetSummary, MachineRow, PathOutcome, PopupView, EventView } from './report/types';
export { NoMachineError } from './report/no-machines';
export type { InputFileStats, DiscoverOptions } from './endpoint/discover';
export type { LoadOptions } from './endpoint/inventory';
export type { SkippedInput, ImportFailure } from './report/types';

// Collecting the inputs on Windows (docs/collect.md)
export { collect } from './api/collect';
export { CollectError, COLLECT_FILES } from './collect';
export { nodeRunner, systemToolRunner, replayRunner } from './api/collect';
export type { CollectOptions, CollectSummary, CommandRunner, RunResult, RunOptions } from './collect';

// The doors: every function above checks its arguments first and throws InputError naming a wrong one (src/api/doors.ts,
// the checked functions in src/api/<layer>.ts);
// the options types' schemas, for callers who check their own input the same way
export {
  VerifyOptionsSchema,
  PoolOptionsSchema,
  ReadinessOptionsSchema,
  TrustAnchorOptionsSchema,
  LoadOptionsSchema,
  ArtifactSchema,
  SimulateSettingsSchema,
  SimulateTrustSchema,
  SimulateInputSchema,
  SimulateOptionsSchema,
  FleetOptionsSchema,
  FleetDepsSchema,
  CollectOptionsSchema,
  EventRecordInputSchema,
  MessageParamsSchema,
} from './api/doors';
