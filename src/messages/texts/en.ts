/**
 * The text home, English (issue 20.3). Every user-facing text of the CLI (--help, the simulate output), the
 * fleet report, the readiness verdicts and the installer runs lives here and in ./ja.ts, one module per
 * language with the same typed keys: `ja.ts` is typed by the keys of this file (`Record<TextKey, string>`), so a
 * key in one language only does not compile, and tests/messages/texts.test.ts also checks it at run time (with
 * the placeholders of each pair and the UI words that had drifted).
 *
 * The modules the code reads (report/i18n.ts, endpoint/texts.ts, installers/texts.ts, messages/catalog.ts,
 * cli/format/simulate.ts and verify*.ts, the commands' help, report/assumptions.ts, the Japanese tables of
 * cli/stderr-ja.ts and messages/reasons-ja.ts) build their tables from here; they hold no text of their own.
 * This folder sits at the bottom of the import graph: it imports only ../seed-texts.ts (the FAQ's texts) and
 * plain types. Whether a Japanese text is the FAQ's own (byte for byte from the seed) or ours is said by
 * `FAQ_KEYS` in ./ja.ts; every other text is ours ('inferred'). English is never the FAQ's (the FAQ is Japanese).
 *
 * Keys: `area.name`, `{name}` placeholders filled by fillText (./fill.ts). Commands, option names, file names,
 * KB numbers, URLs and literal values stay verbatim in both languages.
 */
export const EN = {
  // ---- the CLI's help (acs-gate --help, acs-gate COMMAND --help); {usage} and {exitCodes} filled by the command ----
  'help.main': `acs-gate: Azure Code Signing (ACS) install gate for Trend Micro Apex One, exact and testable

Usage: acs-gate COMMAND [options]   (acs-gate help COMMAND, or acs-gate COMMAND --help, for each)

Commands:
{commands}

Options for every command: --help, --debug (stack traces on errors; before or after the command)

Exit codes (the same for every command):
  0  done: verify: every file valid; simulate: allowed; readiness: printed; fleet, demo: report written
  1  the verdict asked for failed: verify: a file not valid; simulate: blocked;
     readiness, fleet: only with --fail-on not-ready|unknown|blocked|unguarded|unreadable
  2  usage or input error
  3  unguarded (simulate: an agent without the check would install a program the machine cannot run)
  4  unknown (simulate: the outcome rests on a fact the machine's exports do not give)

Examples (the samples ship with the package: run these in its folder, node_modules/acs-gatekeeper, or in a clone):
  acs-gate verify samples/real/Knapcode.MiniZip-0.21.1-net451.dll
  acs-gate readiness samples/fleet/machines
  acs-gate simulate A4 --machine samples/fleet/machines/pc-w10-21h2-kaikei --build 12011
  acs-gate fleet samples/fleet/machines samples/fleet/fleet.jsonl --out acs-report
`,
  'help.noHelpFor': 'acs-gate: no help for "{topic}" (commands: {commands})',
  'help.exitCodes.title': 'Exit codes (the same for every command; see README "Exit codes"):',
  'help.exitCodes.2': 'usage or input error (the message names the argument or the file)',
  'help.exitCodes.3': 'not used by this command (simulate: unguarded)',
  'help.exitCodes.4': 'not used by this command (simulate: unknown)',
  'help.verify.summary': 'verify the Authenticode signature of PE / MSI / CAB / catalog / script / APPX files and say whether it is ACS',
  'help.verify': `Usage: {usage}

Verifies each file's Authenticode signature (PE, MSI, CAB, catalog, PowerShell script, APPX/MSIX): digest, signer, RFC 3161 / PKCS #9 timestamp,
certificate chain to a trust anchor, and the ACS policy (chain to an ACS root, ACS EKUs on the leaf).

Options:
  --trust PEM_OR_DIR   trust anchor certificates (PEM or DER file, or a directory of them); repeatable.
                       Default: only the bundled Microsoft Identity Verification Root CA 2020.
  --acs-root PEM       roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL            a CRL (DER or PEM) to check revocation against, offline; repeatable. A certificate
                       of the signer's or the timestamp's chain revoked before the signature was made (its
                       timestamp, else --at) makes it invalid (CERT_REVOKED). Without --crl, revocation is
                       not checked (the output says so).
  --at ISO_TIME        verification time (default: now), e.g. 2024-04-11 or 2024-04-11T09:00:00Z
  --catalog CAT        a catalog file (.cat); repeatable. FILE is also valid when its hash (Authenticode
                       hash for PE/MSI, whole-file hash for flat files such as .inf) is listed in a catalog
                       whose own signature is valid, as signtool verify /c does; the output names the catalog.
                       A CAT that is missing or not a file is an input error (exit 2), whatever FILE says
  --no-strict          allow data after the PKCS #7 blob (CVE-2013-3900 padding); strict by default
  --deep               also verify every file inside an MSI (installed paths from its tables, embedded and
                       external cabinets, Binary table DLLs), a cabinet, an APPX/MSIX package or bundle,
                       recursively: verdict, ACS, FORCE_INTEGRITY, machine, version, how each is signed, and
                       which modules will not load on a machine without ACS support. The exit code is the
                       outer files' as without --deep
  --lang ja|en         language of the output (default from LC_ALL / LC_MESSAGES / LANG; on Windows, the OS locale)
  --json               one JSON document per file (JSON Lines when several)

{exitCodes}
Examples:
  acs-gate verify samples/real/Knapcode.MiniZip-0.21.1-net451.dll
  acs-gate verify samples/installers/AutoPcc.exe samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --at 2024-04-11 --json
`,
  'help.verify.exit0': 'every file is valid',
  'help.verify.exit1': 'a file is invalid, unsigned or malformed',
  'help.readiness.summary': "judge machines' ACS readiness from Windows exports or a fleet file",
  'help.readiness': `Usage: {usage}

Each INPUT is a machine profile (.json), a fleet file (JSON Lines or CSV, one machine per line), an
inventory CSV of Intune / Configuration Manager / Defender (or any CSV with --columns), one raw Windows export,
a directory of one machine's raw exports (systeminfo > info.txt or /fo csv, Get-HotFix > hotfix.txt or
| ConvertTo-Csv, wmic qfe, Get-ItemProperty ...CurrentVersion | ConvertTo-Json, Get-ComputerInfo |
ConvertTo-Json, certutil -store Root, reg query ... UBR / DisableRootAutoUpdate), or a share of machine
folders, fleet files and profile files at any depth (a folder is one machine only when it holds one machine's
exports; stray files and older dated folders are skipped and listed on stderr, with the count of files read
and skipped). English or Japanese Windows; UTF-16LE, UTF-8, Shift_JIS or cp437.

Per machine: ready (true / false / "unknown"), the reasons, and the remediation (the KB for that Windows
version, certutil -addstore Root with the bundled root, or what to collect next). Unknown facts stay unknown.
An input or line that cannot be read is named on stderr; the others are still judged.

Options:
  --json         one JSON document per machine (JSON Lines): name, ready, reasons, remediation,
                 remediationSource ("inferred" or "faq" per step), os, root, source (and "assumed": the facts
                 assumed for it, when any)
  --lang ja|en   language of the output: labels, reasons and remediation (also in --json; codes, facts and
                 evidence do not change); default from LC_ALL / LC_MESSAGES / LANG (on Windows: the OS locale)
  --fail-on WHAT exit 1 when a machine is WHAT: not-ready, unknown, or unreadable (an input or line that
                 cannot be read, or a file this tool does not read and which may hold machines, e.g. an
                 .xlsx; not Thumbs.db, desktop.ini, READMEs, scripts or older dated folders); repeatable or a
                 comma list. Without it the exit code is 0 once printed.
  --assume-online
                 where a machine's exports do not say, assume it can fetch Windows Update's root certificate
                 list (no export records this; acs-gate collect probes it). Named in the output per machine.
  --assume-root-auto-update
                 where a machine's exports do not say, assume automatic root certificate update is on (the
                 Windows default). Named in the output per machine.
  --columns name=COL,version=COL,...
                 which columns of an inventory CSV hold the device name, the OS version (10.0.19045 or
                 10.0.19045.3803) and, optionally, build, ubr, caption, hotfixes, platform; Intune, Configuration
                 Manager and Defender exports are recognised without it
  --accept-kb KB a KB accepted as containing the ACS fix (e.g. a monthly rollup newer than the table);
                 repeatable
  --policy FILE  JSON { "acceptKbs": ["KB..."] }: the same as --accept-kb, kept in a file

{exitCodes}
Examples:
  acs-gate readiness samples/fleet/machines/pc-w10-21h2-kaikei
  acs-gate readiness samples/fleet/fleet.jsonl --json
  acs-gate readiness samples/fleet/machines --fail-on not-ready,unknown
  acs-gate readiness samples/fleet/fleet.jsonl --assume-online --assume-root-auto-update
`,
  'help.readiness.exit0': 'the verdicts are printed, whatever they are',
  'help.readiness.exit1': 'with --fail-on: a machine was not ready / unknown / unreadable',
  'help.simulate.summary': 'show what one install path does on one machine: popups, events 900 / 11708, downloads',
  'help.simulate': `Usage: {usage}

PATH: one of these, by name or by the number Trend Micro's Q&A gives it (in brackets; "A4" works as well
as "packager-exe"):
  server-patch [A1]  autopcc [A2]  msi [A3]  packager-exe [A4]  remote-install [A5]  agent-update [A6]
  saas-msi [S1]  saas-web-installer [S2]  saas-agent-update [S3]  sep-agent-update  pattern-update  engine-update

When the machine's readiness is unknown (a fact such as its root store is missing), the decision is
"unknown" and the output shows, apart, what happens if the missing fact turns out unfavourable.

Options:
  --machine PROFILE         the machine: profile JSON, one-machine fleet file, or a directory of its Windows exports
  --file INSTALLER          a real PE / MSI file: the verifier judges it against this machine's trust; the
                            program's build is read from its version resource (FileVersion 14.0.0.N → build N)
                            unless --build / --maintenance is given, and the output says which source it used
  --display-path PATH       the path the endpoint sees the file at, shown in popups and events (default: the
                            file's name in the folder that install path uses, e.g. C:\\Temp\\NAME for msi)
  --build N                 declared Apex One build of the program (ACS-signed from 12011); with --file it
                            wins over the file's version resource
  --maintenance YYYY-MM     declared SaaS maintenance of the program (ACS-signed from 2023-03)
  --agent-build N           installed agent's Apex One build (update paths)
  --agent-maintenance YYYY-MM  installed agent's SaaS maintenance (update paths)
  --silent                  packager EXE in silent mode (only the first popup; packager-exe only)
  --scope SCOPE             update scope: all | patterns-engines-drivers | patterns (default all)
  --cycles N                update cycles to run (update paths; 1..1000, default 1)
  --lang ja|en              language of popups, events, reasons, warnings and remediation (default from
                            LC_ALL / LC_MESSAGES / LANG; on Windows, the OS locale)
  --trace                   list the state machine's transitions
  --json                    the run as JSON (path, decision, reasons, popups, events, downloads, remediation, transitions)
  --trust PEM               certificates the machine's root store may name (matched by thumbprint); repeatable
  --acs-root PEM            roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL                 a CRL (DER or PEM) the --file's revocation is judged by, offline; repeatable
  --at ISO                  simulation clock (default now)
  --tz ZONE                 time zone the times are shown in, e.g. Asia/Tokyo (default: TZ, else the system's)
  --state FILE              event-log memory ("event 900 logged once"): read if it exists, written after the run
  --events-xml FILE         also write the events as Windows Event XML (as wevtutil qe Application /f:xml prints)
  --assume-online           where the machine's exports do not say, assume it can fetch Windows Update's root
                            certificate list (named in the output)
  --assume-root-auto-update where the machine's exports do not say, assume automatic root certificate update is
                            on (named in the output)
  --accept-kb KB            a KB accepted as containing the ACS fix, on top of the table; repeatable
  --policy FILE             JSON { "acceptKbs": ["KB..."] }: the same, kept in a file

{exitCodes}
Examples:
  acs-gate simulate packager-exe --machine samples/fleet/machines/pc-w10-21h2-kaikei --build 12011 --lang ja
  acs-gate simulate A4 --machine samples/fleet/machines/pc-xp-line --build 12011 --silent --lang en
  acs-gate simulate A2 --machine samples/fleet/machines/pc-win7-esu --file samples/installers/AutoPcc.exe --trust samples/installers/test-acs-root.pem
  acs-gate simulate agent-update --machine samples/fleet/machines/pc-w10-21h2-eigyo --agent-build 11092 --build 12011 --cycles 5 --trace
  acs-gate simulate msi --machine samples/fleet/machines/pc-w10-21h2-kaikei --file samples/installers/ApexOneAgent.msi --display-path "C:\\Users\\Public\\ApexOneAgent.msi" --trust samples/installers/test-acs-root.pem
`,
  'help.simulate.exit0': 'allowed: the program installs / runs',
  'help.simulate.exit1': 'blocked: the popups and events shown are what the user sees',
  'help.simulate.exit3': 'unguarded: an agent without the check would install an ACS-signed program the machine cannot run',
  'help.simulate.exit4': 'unknown: the outcome rests on a fact the machine\'s exports do not give (the worst case is shown)',
  'help.fleet.summary': 'fleet report: readiness and what each install path would do, as report.json / .csv / .html',
  'help.fleet': `Usage: {usage}

For each machine of the inventory (inputs as \`acs-gate readiness\` takes them: profile JSON, JSON Lines or CSV
fleet files, export directories, or a share holding any of them at any depth), judges ACS readiness and, for
each install path × installer, what would happen there. The summary says how many files were read and
skipped and names them (the first {maxListed}; report.json lists every one). DIR may be a sub-folder of an
input folder: it is never read as input. Writes DIR/report.json, DIR/report.csv (one row per machine) and DIR/report.html (one
self-contained page: totals, charts by reason and Windows version, machines to fix first with their exact
remediation, the popups users would see per path; Japanese and English).

Each installer file is verified once per distinct trust (the anchors a machine's Root store and automatic
root update give), and each distinct machine (same facts but the name) is simulated once.
Without --path, each file runs on the path its type suggests (.msi: msi, else autopcc); without --file,
the paths run on a declared ACS-signed program (default paths: autopcc, msi, agent-update).

Options:
  --file INSTALLER   a real PE / MSI installer; repeatable
  --path PATH        install path (see acs-gate simulate --help); repeatable; every path × every file
  --out DIR          where the report goes (created)
  --lang ja|en       report language first shown (the page has a toggle); default from LC_ALL / LC_MESSAGES /
                     LANG (on Windows, the OS locale)
  --at ISO           verification and event time (default now)
  --json             print the summary as JSON instead of text
  --trust PEM        certificates machines' root stores may name (matched by thumbprint); repeatable
  --acs-root PEM     roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL          a CRL (DER or PEM) the installer files' revocation is judged by, offline; repeatable
  --build N | --maintenance YYYY-MM
                     the program's declared Apex One build / SaaS maintenance, for paths run without --file
  --agent-build N | --agent-maintenance YYYY-MM
                     the installed agent's build / maintenance, for the update paths
  --scope SCOPE      update scope: all | patterns-engines-drivers | patterns (default all)
  --tz ZONE          time zone the report's times are shown in, e.g. Asia/Tokyo (default: TZ, else the system's)
  --fail-on WHAT     exit 1 (the report is still written) when any machine is not-ready or unknown, any run
                     is blocked, unguarded or unknown, or an input is unreadable (a bad line or export, or a
                     file this tool does not read and which may hold machines, e.g. an .xlsx; not Thumbs.db,
                     desktop.ini, READMEs, scripts or older dated folders); repeatable or a comma list.
                     Without it the exit code is 0 once the report is written, whatever the verdicts.
  --assume-online    where a machine's exports do not say, assume it can fetch Windows Update's root
                     certificate list (recorded in the report's header and JSON)
  --assume-root-auto-update
                     where a machine's exports do not say, assume automatic root certificate update is on
                     (recorded in the report's header and JSON)
  --columns name=COL,version=COL,...
                     which columns of an inventory CSV hold the device name, OS version, … (as readiness takes it)
  --accept-kb KB     a KB accepted as containing the ACS fix, on top of the table; repeatable
  --policy FILE      JSON { "acceptKbs": ["KB..."] }: the same, kept in a file
  --lock-wait SECONDS
                     one run at a time writes DIR (lock file DIR/.report.lock): how long to wait for another
                     run before giving up with exit 2 (default 60). A lock whose run is gone is taken over: at
                     once when that run was on this host and in this PID namespace, otherwise once the lock has
                     not changed for ACS_GATE_LOCK_STALE_SECONDS (default 30; its owner refreshes it every 2 s)

The report is committed whole: DIR/report.json, report.csv and report.html are all replaced or none is (a
file that cannot be replaced, an interruption by SIGINT / SIGTERM / SIGHUP, a failure leave the previous
report as it was, and no temporary file).

A machine whose readiness is unknown gets decision "unknown" on each path that depends on it; the report
counts those apart from blocked and shows what their worst case would be.

{exitCodes}
Examples:
  acs-gate fleet samples/fleet/fleet.jsonl --out acs-report
  acs-gate fleet samples/fleet/machines samples/fleet/fleet.jsonl --file samples/installers/AutoPcc.exe --file samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --out acs-report --lang ja --tz Asia/Tokyo
  acs-gate fleet samples/fleet/fleet.jsonl --path agent-update --agent-build 12011 --build 12500 --out acs-report --fail-on blocked,unguarded
  acs-gate fleet samples/fleet/machines --out acs-report --assume-online --assume-root-auto-update
`,
  'help.fleet.exit0': 'the report is written, whatever the verdicts',
  'help.fleet.exit1': 'with --fail-on: the report is written and a verdict named by --fail-on was seen',
  'help.fleet.exit2': 'bad arguments, an input that cannot be read, or no machine read at all (nothing is written)',
  'help.demo.summary': 'the fleet report on the bundled sample fleet and installers (what npm start runs)',
  'help.demo': `Usage: {usage}

Runs \`acs-gate fleet\` on the bundled samples: the mixed fleet in samples/fleet/ (Windows exports:
systeminfo CSV in English and Japanese, certutil -store Root, reg query, Get-HotFix; plus a fleet file),
the project's test-signed AutoPcc.exe and MSI (samples/installers/, trusted through test-acs-root.pem,
which the sample machines' Root stores list) and the real ACS-signed sample DLL as an agent program update.
Writes report/ (report.html, report.json, report.csv) under the current directory.

Options:
  --out DIR      where the report goes (default ./report)
  --lang ja|en   report language first shown (default from the locale)
  --at ISO       verification time (default now)
  --tz ZONE      time zone the report's times are shown in, e.g. Asia/Tokyo (default: TZ, else the system's)
  --json         print the summary as JSON

{exitCodes}
Examples:
  npm start            # in a clone of the repository: tsc -p tsconfig.build.json && node bin/acs-gate.js demo
  acs-gate demo --lang ja --out acs-report --tz Asia/Tokyo
`,
  'help.demo.exit0': 'the report is written (the sample fleet is mixed on purpose: its verdicts do not fail the demo)',
  'help.demo.exit1': 'not used by this command',
  'help.collect.summary': "write this Windows machine's exports (and whether it can fetch the root list) for readiness / fleet",
  'help.collect': `Usage: {usage}

Run on a Windows machine (as SYSTEM or an administrator), it writes DIR\\<COMPUTERNAME>\\ with:
  systeminfo.csv      systeminfo /fo csv
  hotfixes.csv        Get-HotFix | ConvertTo-Csv (PowerShell), or wmic-qfe.csv (wmic qfe) without PowerShell
  certutil-root.txt   certutil -store Root
  reg-ubr.txt         reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR
  reg-authroot.txt    reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate
  acs-collect.txt     what ran and failed (exit codes), and the online probe: can this machine download
                      Windows' root certificate list (certutil -f -syncWithWU into a temporary folder, 60 s)
then \`acs-gate readiness DIR\` or \`acs-gate fleet DIR --out report\` reads the folder. A command that fails
is recorded and the others still run; the folder is written in a hidden staging folder and renamed into
place. Where Node is not installed, collect\\acs-collect.cmd does the same (docs/collect.md).

On Windows:  acs-gate collect --out \\\\fileserver\\acs$\\inventory

Options:
  --out DIR              where the machine folder goes (a local folder or a share)
  --replay DIR           replay outputs recorded on a Windows machine instead of running the commands
                         (any system; also {replayEnv}=DIR). DIR holds <step>.stdout / .stderr / .exit
                         per step and COMPUTERNAME (see docs/collect.md)
  --json                 print the summary as JSON

{exitCodes}
Examples:
  acs-gate collect --replay samples/collect/PC-OSAKA-03 --out acs-inventory
  acs-gate readiness acs-inventory/PC-OSAKA-03
`,
  'help.collect.exit0': 'the folder was written (even when some commands failed: see acs-collect.txt)',
  'help.collect.exit1': 'not used by this command',
  'help.collect.exit2': 'usage error, not Windows without --replay, or the folder could not be written',

  // ---- acs-gate simulate's human output (cli/format/simulate.ts) ----
  'simulate.path': 'Install path',
  'simulate.program': 'Program',
  'simulate.machine': 'Machine',
  'simulate.decision': 'Decision',
  'simulate.worstCase': 'If the missing facts turn out unfavourable (worst case)',
  'simulate.worstDecision': 'worst case',
  'simulate.ours': "text: ours, not Trend Micro's or Microsoft's (the real wording is not published)",
  'simulate.titleOurs': "title: ours, not Trend Micro's or Microsoft's",
  'simulate.titleOfficial': "title: as Windows shows it; Trend Micro's Q&A does not state it",
  'simulate.official': "text: Microsoft's wording; Trend Micro's Q&A gives only the Japanese",
  'simulate.faqText': "text: as Trend Micro's Q&A gives it",
  'simulate.eventFieldsInferred': "Source and Level: not stated in Trend Micro's Q&A (the event ID and the log are)",
  'simulate.eventTextInferred': "Description: not Trend Micro's Q&A text (the Q&A gives only the Japanese)",
  'simulate.examplePath': 'example path, not where the file really is (give --display-path)',
  'simulate.translation': "text: our translation of Trend Micro's Japanese text",
  'simulate.reasons': 'Reasons',
  'simulate.popups': 'Popups, in the order shown',
  'simulate.noPopup': 'No popup.',
  'simulate.notInFaq': "what Windows and the agent show for an installer whose own signature fails is not in Trend Micro's Q&A",
  'simulate.events': 'Windows Logs > Application',
  'simulate.noEvent': 'No event logged.',
  'simulate.downloads': 'Program downloads',
  'simulate.remediation': 'Remediation',
  'simulate.warnings': 'Warnings',
  'simulate.cycles': 'Update cycles',
  'simulate.trace': 'Transitions',
  'simulate.verification': 'Signature of the file on this machine',
  'simulate.download': 'download',
  'simulate.event': 'event',
  'simulate.decision.allowed': 'ALLOWED',
  'simulate.decision.blocked': 'BLOCKED',
  'simulate.decision.unguarded': 'UNGUARDED (may install a program this machine cannot run)',
  'simulate.decision.unknown': 'UNKNOWN (a fact this depends on is missing)',
  'simulate.installerInvalid': "!! The installer's own signature is {verdict} ({codes}): not a matter of this machine's ACS support.",
  'simulate.rootNotCovered': '!! The installer\'s chain ends at the root {root}, which the ACS readiness model does not cover and this machine does not trust: not a matter of its ACS support (our inference).',
  'simulate.notInFaqRoot': 'what Windows and the agent show for an installer whose root this machine does not trust is not in Trend Micro\'s Q&A; our inference',
  'simulate.verificationLine': '{label}: {verdict}, ACS {acs}{codes}',
  'simulate.cycleEvents': '{event} {ids}',

  // ---- acs-gate fleet's terminal summary (cli/format/fleet.ts) ----
  'terminal.fleet.written': 'Report written',
  'terminal.fleet.error': 'unreadable line',
  'terminal.fleet.errors': 'unreadable lines',
  'terminal.fleet.worst': 'worst case',
  'terminal.fleet.generated': 'Generated',
  'terminal.fleet.assumed': 'Assumed',
  'terminal.fleet.reasons': 'Top reasons',
  'terminal.fleet.fix': 'Fix first',
  'terminal.fleet.paths': 'Install paths',
  'terminal.fleet.open': 'Open it in a browser',
  'terminal.fleet.more': 'more in',
  'terminal.fleet.rootFile': 'Root certificate file for offline machines',
  'terminal.fleet.machineOne': '{n} machine',
  'terminal.fleet.machineMany': '{n} machines',
  'terminal.fleet.installerProblem': "!! Installer {file}: its own signature is {verdict} ({codes}); counted as blocked on {machines} whatever their ACS support.",
  'terminal.fleet.installerNotInFaq': "   What Windows and the agent show then is not in Trend Micro's Q&A: no ACS popup is shown for it.",
  'terminal.fleet.installerFix': '   Fix: {fix}',
  'terminal.fleet.byRoot': ' ({n} by a root outside the ACS readiness model)',
  'terminal.fleet.rootNotInFaq': '   What Windows and the agent show then is not in Trend Micro\'s Q&A: no ACS popup is shown for it (our inference).',
  'terminal.fleet.rootCounted': '   {machines} whose trust does not hold that root are counted apart from the ACS check (blocked, or unknown when their Root store is not known).',
  'terminal.fleet.rootProblem': '!! Installer {file}: its chain ends at the root {root}, which the ACS readiness model does not cover.',
  'terminal.fleet.installerUnsigned': '!! Installer {file}: it is not signed ({codes}); counted as blocked on {machines} whatever their ACS support.',
  'terminal.fleet.totals': '{total} {machines}: {ready} ready, {notReady} not ready, {unknown} unknown',
  'terminal.fleet.totalsErrors': '; {n} {errors}',
  'terminal.fleet.decisionCount': '{decision} {n}',
  'terminal.fleet.byInstaller': " ({n} by the installer's own signature)",
  'terminal.fleet.fixMore': '  … {n} more ({more}: {where})',

  // ---- the terminal's account of the inputs (cli/format/inputs.ts) ----
  'terminal.inputs.inputs': 'Inputs: {read} {files} read, {skipped} skipped, {unreadable} unreadable',
  'terminal.inputs.fileOne': 'file',
  'terminal.inputs.fileMany': 'files',
  'terminal.inputs.skipped': 'skipped',
  'terminal.inputs.unread': 'not read',
  'terminal.inputs.unreadable': 'unreadable',
  'terminal.inputs.more': '… {n} more, every one listed in {where}',

  // ---- acs-gate readiness's terminal output (cli/format/readiness.ts) ----
  'terminal.readiness.ready': 'ready',
  'terminal.readiness.notReady': 'NOT READY',
  'terminal.readiness.unknown': 'UNKNOWN',
  'terminal.readiness.remediation': 'Remediation',
  'terminal.readiness.badOne': 'input could not be read',
  'terminal.readiness.badMany': 'inputs could not be read',

  // ---- the notes of the KB5022661 table's lines: English as src/endpoint/data/windows-acs-minimums.json writes it ----
  'lineNote.server-2022': 'the UBR after KB5005619 (20348.261) is unverified in acs-facts.md; the KB itself is from KB5022661',
  'lineNote.server-23h2': 'decision: not listed in KB5022661; released in 2023 after every fix in the table, from a code base newer than Windows 11 21H2 (supported as shipped)',
  'lineNote.server-2025': 'decision: not listed in KB5022661; shares build 26100 with Windows 11 24H2, which is supported as shipped',
  'lineNote.win10-unsupported': 'decision: not listed in KB5022661 (out of servicing before the 2021 fixes): no qualifying update exists; upgrade',
  'lineNote.win8': 'decision: not listed in KB5022661 (client Windows 8 left servicing in 2016): no qualifying update exists',
  'lineNote.win7-rtm': 'decision: the ESU rollups of KB5022661 need SP1; install SP1 first, then the ESU rollup',
  'lineNote.vista': 'decision: not listed in KB5022661: no qualifying update exists',
  'lineNote.server-2008-pre-sp2': 'decision: the 2008 rollups of KB5022661 need SP2',

  // ---- an event as Event Viewer shows it (cli/format/event.ts; the other fields: report.label.logName, …) ----
  'event.date': 'Date',
  'event.computer': 'Computer',

  // ---- words shared by the outputs ----
  'word.or': ' or ',
  'word.yes': 'yes',
  'word.no': 'no',

  // ---- the install paths' popups and events (messages/catalog.ts); FAQ_KEYS in ./ja.ts says which are the FAQ's ----
  'message.M-BADIMAGE.title': '{file} - Bad Image',
  'message.M-BADIMAGE.text':
    '{path} is either not designed to run on Windows or it contains an error. Try installing the program again ' +
    'using the original installation media or contact your system administrator or the software vendor for support.',
  'message.M-NOACS.title': 'Trend Micro Apex One Security Agent',
  'message.M-NOACS.text':
    'Unable to install the Apex One Security Agent. Azure Code Signing is not supported on this system. ' +
    'Apply the latest Windows updates, then run the installer again.',
  'message.M-SERVER-PATCH.title': 'Trend Micro Apex One',
  'message.M-SERVER-PATCH.text':
    'The patch cannot be applied. This Apex One server does not meet the Azure Code Signing (ACS) requirements. ' +
    'Install the Windows security update ({patch}) and the root certificate "Microsoft Identity Verification Root Certificate Authority 2020" in Trusted Root ' +
    'Certification Authorities, then apply the patch again.',
  'message.M-REMOTE-INSTALL.title': 'Trend Micro Apex One',
  'message.M-REMOTE-INSTALL.text':
    'The Security Agent cannot be installed on {computer}. This endpoint does not meet the Azure Code Signing (ACS) ' +
    'requirements. Install the Windows security update ({patch}) and the root certificate "Microsoft Identity Verification Root Certificate Authority 2020" on the ' +
    'endpoint, then try again.',
  'message.E-900.text': 'One or more downloaded files did not contain a valid digital signature {path}',
  'message.E-11708.text': 'Product: Trend Micro Apex One Security Agent -- Installation operation failed.',

  // ---- report: labels of the fleet report (report/i18n.ts LABELS) ----
  'report.label.title': 'ACS readiness report',
  'report.label.generated': 'Generated',
  'report.label.inputs': 'Inputs',
  'report.label.installers': 'Installers',
  'report.label.machines': 'Machines',
  'report.label.ready': 'Ready',
  'report.label.notReady': 'Not ready',
  'report.label.unknown': 'Unknown',
  'report.label.importErrors': 'Import errors',
  'report.label.skipped': 'Skipped',
  'report.label.reason': 'Reason',
  'report.label.byWindows': 'By Windows version',
  'report.label.byReason': 'By reason',
  'report.label.fixFirst': 'Machines to fix first',
  'report.label.fixFirstNote': 'Not-ready machines first, then those blocked on the most install paths.',
  'report.label.machine': 'Machine',
  'report.label.windows': 'Windows',
  'report.label.why': 'Why',
  'report.label.remediation': 'Remediation',
  'report.label.steps': 'Machines per remediation step',
  'report.label.step': 'Step',
  'report.label.otherSteps': '(other steps)',
  'report.label.perPath': 'What each install path would do',
  'report.label.allowed': 'Allowed',
  'report.label.blocked': 'Blocked',
  'report.label.unguarded': 'Installs unchecked',
  'report.label.downloads': 'Downloads',
  'report.label.popupsSeen': 'Popups users would see',
  'report.label.noPopups': 'No popup',
  'report.label.eventsLogged': 'Events logged',
  'report.label.seenBy': 'Machines',
  'report.label.verifications': 'Installer signature checks',
  'report.label.needAcs': 'Modules that need ACS support',
  'report.label.trust': 'Trust',
  'report.label.verdict': 'Verdict',
  'report.label.allMachines': 'All machines',
  'report.label.truncated': 'Only the first machines are shown; report.csv and report.json have them all.',
  'report.label.source': 'Source',
  'report.label.line': 'Line',
  'report.label.error': 'Error',
  'report.label.none': 'None',
  'report.label.language': '日本語',
  'report.label.logName': 'Log Name',
  'report.label.eventSource': 'Source',
  'report.label.eventId': 'Event ID',
  'report.label.level': 'Level',
  'report.label.description': 'Description',
  'report.label.yes': 'yes',
  'report.label.worstCase': 'worst case',
  'report.label.unknownNote': 'unknown: a fact needed for the verdict is missing (counted apart from not ready and blocked)',
  'report.label.seenIfUnfavourable': 'Machines that would see it if their missing facts turn out unfavourable',
  'report.label.ifUnfavourable': 'if missing facts are unfavourable',
  'report.label.textOurs': "The text is ours, not Trend Micro's or Microsoft's (the real wording is not published)",
  'report.label.textTranslation': "The text is our translation of Trend Micro's Japanese text",
  'report.label.titleOurs': "The title is ours, not Trend Micro's or Microsoft's",
  'report.label.windowEndpoint': 'on the endpoint',
  'report.label.windowConsole': 'on the management console',
  'report.label.windowServer': 'on the server',
  'report.label.assumptions': 'Assumed for this report (facts the exports do not give)',
  'report.label.no': 'no',
  'report.label.installerProblems': "The installer's own signature fails",
  'report.label.installerProblemNote': "Whatever the machines' ACS support, this installer fails signature verification on every machine. Its runs count as blocked, without the ACS popups (what Windows and the agent show then is not in Trend Micro's Q&A).",
  'report.label.blockedByRoot': 'of which by a root outside the readiness model',
  'report.label.rootOf': 'Root',
  'report.label.rootNotCoveredNote': 'Machines whose trust does not hold this root are counted apart from their ACS support. Counting them as blocked (the signature does not verify there) is our inference; machines whose Root store is not known are unknown. What Windows and the agent show in this case is not in the Q&A, so this report shows no popup for it.',
  'report.label.rootNotCovered': 'The installer\'s chain ends at a root the ACS readiness model does not cover',
  'report.label.failureCodes': 'Failure codes',
  'report.label.fix': 'Fix',
  'report.label.blockedByInstaller': 'of which by the installer itself',
  'report.label.sourceFaq': "Trend Micro's Q&A text",
  'report.label.sourceInferred': 'our inference',
  'report.label.markInferred': '[our inference]',
  'report.label.examplePath': 'the path is an example',
  'report.label.notInFaq': "not shown: Trend Micro's Q&A does not state it",
  'report.label.rootFile': 'Root certificate file',
  'report.label.unguardedNote': 'unguarded: an agent without the ACS check installs a program this machine cannot run',

  // ---- report: reason codes as the reader calls them (REASON_LABELS) ----
  'report.reason.OS_NO_ACS_SUPPORT': 'Windows never supports ACS',
  'report.reason.OS_PATCH_MISSING': 'Windows update missing',
  'report.reason.ROOT_NOT_TRUSTED': 'Root certificate not trusted',
  'report.reason.FACT_UNKNOWN': 'Facts missing',
  'report.reason.OS_UNRECOGNIZED': 'Windows version not recognised',

  // ---- report: the facts a FACT_UNKNOWN reason names (FACT_LABELS) ----
  'report.fact.os.version': 'OS version',
  'report.fact.os.ubr': 'UBR (update build revision)',
  'report.fact.os.productType': 'client or server edition',
  'report.fact.hotfixes': 'installed updates',
  'report.fact.rootStore': 'Trusted Root store contents',
  'report.fact.rootAutoUpdate': 'automatic root certificate update setting',
  'report.fact.online': 'whether it can reach Windows Update',

  // ---- report: the verification table's trust column (TRUST_LABELS) ----
  'report.trust.root in store': 'root in store',
  'report.trust.root via automatic update': 'root via automatic update',
  'report.trust.root missing': 'root missing',
  'report.trust.root unknown': 'root unknown',

  // ---- report: report.html's first screen, banners, machine list and popups (PAGE_LABELS) ----
  'report.page.summaryLine': '{ready} of {total} {machines} ready, {notReady} not ready, {unknown} unknown.',
  'report.page.machineOne': 'machine',
  'report.page.machineMany': 'machines',
  'report.page.nMachines': '{n} {machines}',
  'report.page.stepOne': 'step',
  'report.page.stepMany': 'steps',
  'report.page.perPathCounts': 'Machines per install path',
  'report.page.installPath': 'Install path',
  'report.page.fixFirstMore': 'Showing the {shown} most urgent of {total} {machines} to fix ({rest} more).',
  'report.page.fixFirstAll': 'All {total} {machines} to fix are shown.',
  'report.page.showAllToFix': 'Show all machines to fix in the machine list',
  'report.page.stepsMore': '{n} more {steps} (filter the machine list by fix step).',
  'report.page.searchLabel': 'Search by machine name',
  'report.page.filterAll': 'All',
  'report.page.filterReady': 'ACS readiness',
  'report.page.filterToFix': 'Not ready or unknown',
  'report.page.filterReason': 'Reason',
  'report.page.filterWindows': 'Windows',
  'report.page.filterStep': 'Fix step',
  'report.page.matches': 'Matching: {n} {machines}',
  'report.page.pageRange': 'Showing {from}–{to}',
  'report.page.prevPage': 'Previous',
  'report.page.nextPage': 'Next',
  'report.page.noMatch': 'No machine matches.',
  'report.page.clearFilters': 'Clear filters',
  'report.page.exportCsv': 'Save these machines as CSV',
  'report.page.sortHint': 'Click a column heading to sort.',
  'report.page.needsScript': 'The machine list needs JavaScript; report.csv has every machine.',
  'report.page.readyColumn': 'ACS ready',
  'report.page.acsSigned': 'ACS-signed',
  'report.page.installerInvalid': "The installer's own signature check failed",
  'report.page.installerInvalidFix': "This is not about the machines' ACS support. Obtain the installer again from its source; for a file signed by a private test PKI, give its root certificate with --trust. What Windows and the agent show in this case is not in the Q&A, so this report does not guess it.",
  'report.page.failureCodes': 'Failure codes',
  'report.page.verdictValid': 'valid',
  'report.page.verdictInvalid': 'invalid',
  'report.page.verdictUnsigned': 'unsigned',
  'report.page.verdictMalformed': 'malformed',
  'report.page.inputsNotRead': 'Some inputs were not read',
  'report.page.skippedCount': 'Files and lines skipped: {n}',
  'report.page.importErrorCount': 'Unreadable files and lines: {n}',
  'report.page.listedBelow': 'They are listed at the end of this page.',
  'report.page.firstListed': 'The first {shown} of {n} are listed.',
  'report.page.faqMark': "(from Trend Micro's Q&A)",
  'report.page.inferred': 'our inference',
  'report.page.inferredTranslation': "our inference (our translation of the Q&A's Japanese text)",
  'report.page.inferredOfficial': "our inference (Windows' standard text; not in the Q&A)",
  'report.page.titleInferred': 'the title is our inference',
  'report.page.eventMetaInferred': 'source and level are our inference (not in the Q&A)',
  'report.page.closeButton': 'Close',
  'report.page.levelError': 'Error',
  'report.page.levelWarning': 'Warning',
  'report.page.levelInformation': 'Information',
  'report.page.loggedOn': 'Machines',
  'report.page.examplePath': 'paths are examples',
  'report.page.unknownWindows': 'Unknown',
  'report.page.csvFileName': 'report-machines.csv',

  // ---- decisions of a path run (DECISION_LABELS) ----
  'decision.allowed': 'allowed',
  'decision.blocked': 'blocked',
  'decision.unguarded': 'unguarded',
  'decision.unknown': 'unknown',

  // ---- the verifier's verdicts (VERDICT_LABELS, also installers' verdictWord) ----
  'verdict.valid': 'valid',
  'verdict.invalid': 'invalid',
  'verdict.unsigned': 'unsigned',
  'verdict.malformed': 'malformed',

  // ---- readiness of a machine (READY_LABELS) ----
  'ready.true': 'ready',
  'ready.false': 'not ready',
  'ready.unknown': 'unknown',

  // ---- what one agent update cycle came to (CYCLE_OUTCOME_LABELS) ----
  'cycle.installed': 'installed',
  'cycle.installed-unguarded': 'installed-unguarded',
  'cycle.blocked': 'blocked',
  'cycle.check-failed': 'check-failed',
  'cycle.periodic-check-only': 'periodic-check-only',
  'cycle.patterns-only': 'patterns-only',
  'cycle.up-to-date': 'up-to-date',


  // ---- report.csv's header cells (CSV_HEADER_LABELS) ----
  'csv.name': 'name',
  'csv.source': 'source',
  'csv.ready': 'ready',
  'csv.windows': 'windows',
  'csv.version': 'version',
  'csv.ubr': 'ubr',
  'csv.reasons': 'reasons',
  'csv.remediation': 'remediation',
  'csv.assumed': 'assumed',
  'csv.worstCase': 'worst case',

  // ---- readiness: reasons, remediation steps and words (endpoint/texts.ts READINESS_TEXTS) ----
  'readiness.reason.OS_NO_ACS_SUPPORT': '{line} (build {build}) has no update that adds ACS support',
  'readiness.reason.OS_PATCH_MISSING.ubr': '{line}: build {build}.{ubr} is below {build}.{minUbr} and {kbs} is not installed',
  'readiness.reason.OS_PATCH_MISSING.kb': '{line}: the installed updates include neither {kbs} nor a later monthly rollup (known through {through}, the newest {newestKnown})',
  'readiness.reason.FACT_UNKNOWN.laterKb': '{line}: {newer} is newer than every update known here (known through {through}, the newest {newestKnown}); if it is a monthly rollup for this Windows version it contains the fix, but that cannot be told from its number',
  'readiness.reason.FACT_UNKNOWN.os.ubr.noHotfixes': '{line}: build {build} alone cannot decide: {build}.{minUbr} or later, or {kbs}, is needed, and neither the UBR (update build revision) nor the installed hotfixes are known (systeminfo has no UBR)',
  'readiness.reason.FACT_UNKNOWN.os.ubr.kbNotListed': '{line}: build {build} with unknown UBR (update build revision): the hotfix list does not include {kbs}, but a later cumulative update (UBR {minUbr} or later) also qualifies, so the UBR decides',
  'readiness.reason.FACT_UNKNOWN.hotfixes': '{line} is rollup-based: only the installed KBs can tell ({kbsOr}); the hotfix list is unknown',
  'readiness.reason.FACT_UNKNOWN.os.version': 'the OS version (major.minor.build) is unknown',
  'readiness.reason.FACT_UNKNOWN.os.productType': 'build {version} is {lines}, which differ for ACS; whether it is a client or a server edition is unknown',
  'readiness.reason.OS_UNRECOGNIZED.noLine': 'OS version {version} maps to no Windows line in the KB5022661 table',
  'readiness.reason.OS_UNRECOGNIZED.product': 'OS version {version} is not a known {product} Windows line (known: {known})',
  'readiness.reason.ROOT_NOT_TRUSTED.autoUpdateOff': 'Microsoft Identity Verification Root Certificate Authority 2020 is not in the Root store ({count}) and automatic root update is disabled',
  'readiness.reason.ROOT_NOT_TRUSTED.offline': 'Microsoft Identity Verification Root Certificate Authority 2020 is not in the Root store ({count}) and the machine is offline',
  'readiness.reason.FACT_UNKNOWN.rootStore': 'the Root store contents are unknown',
  'readiness.reason.FACT_UNKNOWN.rootAutoUpdate': 'whether automatic root update is enabled is unknown',
  'readiness.reason.FACT_UNKNOWN.online': 'whether the machine can reach Windows Update is unknown',
  'readiness.remediation.OS_PATCH_MISSING.latest': 'Install the latest cumulative update for {line} (see KB5022661: {kb5022661})',
  'readiness.remediation.OS_PATCH_MISSING.kbs': 'Install {kbsOr} (or a later cumulative update) on {line}: {catalog} (KB5022661: {kb5022661})',
  'readiness.remediation.OS_PATCH_MISSING.newest': 'Install the latest {kind} for {line} ({newestKnown} of {month} or later; every one since {firstKb} contains the fix): {catalog} (KB5022661: {kb5022661})',
  'readiness.remediation.FACT_UNKNOWN.laterKb.accept': 'If {kb} is a {kind} for {line}, it contains the fix: accept it with --accept-kb {kb} (or "acceptKbs": ["{kb}"] in the file given to --policy)',
  'readiness.remediation.FACT_UNKNOWN.laterKb.check': 'Check what {kb} is in the Microsoft Update Catalog: {catalog}',
  'readiness.remediation.OS_NO_ACS_SUPPORT': '{line} never gets ACS support: upgrade to a Windows version listed in KB5022661 ({kb5022661})',
  'readiness.remediation.OS_NO_ACS_SUPPORT.note': '{line} never gets ACS support: upgrade to a Windows version listed in KB5022661 ({kb5022661}) ({note})',
  'readiness.remediation.ROOT_NOT_TRUSTED': "Add the Microsoft Identity Verification Root Certificate Authority 2020 to the machine's Trusted Root store (file {file}, next to the fleet report and in the package's certs/ folder; SHA-1 thumbprint {sha1}, SHA-256 {sha256}; Microsoft publishes it at {url}): {command} (PowerShell: {powershell}); or re-enable automatic root certificate update (remove DisableRootAutoUpdate under {key}, or set it to 0) and let the machine reach Windows Update",
  'readiness.remediation.FACT_UNKNOWN.collect': 'Collect {factLabel}: {command}',
  'readiness.remediation.FACT_UNKNOWN.ubrOrHotfixes': 'Collect {factLabel}: {command}; or the installed updates: {hotfixes}',
  'readiness.remediation.FACT_UNKNOWN.collector': 'Or collect every fact at once: run collect\\acs-collect.cmd on the machine (no Node needed; it ships with acs-gatekeeper in collect/) or acs-gate collect, and give the folder it writes to the report',
  'readiness.remediation.OS_UNRECOGNIZED': 'Check the OS version: {command}',
  'readiness.word.thisWindows': 'this Windows version',
  'readiness.word.ThisWindows': 'This Windows version',
  'readiness.word.client': 'client',
  'readiness.word.server': 'server',

  // ---- readiness: what to run to collect a missing fact (COLLECT_TEXTS) ----
  'collect.os.version': 'systeminfo /fo csv > systeminfo.csv',
  'collect.os.ubr': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR > ubr.txt (or the whole key: reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" > currentversion.txt)',
  'collect.hotfixes': 'powershell -Command "Get-HotFix | ConvertTo-Csv" > hotfixes.csv (or: wmic qfe list full /format:csv > qfe.csv)',
  'collect.os.productType': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v InstallationType > installationtype.txt (or systeminfo /fo csv)',
  'collect.rootStore': 'certutil -store Root > root-store.txt (or: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
  'collect.rootAutoUpdate': 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
  'collect.online': 'run collect\\acs-collect.cmd (no Node needed) or acs-gate collect on the machine (each checks whether the machine can fetch the root certificate list from Windows Update), or give --assume-online when every machine can',

  // ---- readiness: the facts named by the step that collects them (FACT_LABELS_EN / _JA) ----
  'factLabel.os.version': 'the OS version',
  'factLabel.os.ubr': 'the UBR (update build revision)',
  'factLabel.hotfixes': 'the installed updates',
  'factLabel.os.productType': 'the edition (client or server)',
  'factLabel.rootStore': 'the Trusted Root store contents',
  'factLabel.rootAutoUpdate': 'the automatic root certificate update setting',
  'factLabel.online': 'whether the machine can reach Windows Update',

  // ---- installers: run reasons, warnings, remediation and agent labels (installers/texts.ts INSTALLER_TEXTS) ----
  'installer.label.apexOne.assumed': 'Apex One agent, build not given (assumed >= 12011)',
  'installer.label.apexOne.check': 'Apex One agent build {build} (>= 12011)',
  'installer.label.apexOne.noCheck': 'Apex One agent build {build} (< 12011)',
  'installer.label.saas.assumed': 'SaaS agent, maintenance not given (assumed >= 2023-01)',
  'installer.label.saas.check': 'SaaS agent, {maintenance} maintenance (>= 2023-01)',
  'installer.label.saas.repeat': 'SaaS agent, {maintenance} maintenance (<= 2022-12)',
  'installer.reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.pattern': 'Setting patternUpdatesBlocked: pattern updates take the ACS check (the Trend Micro Q&A says this may change).',
  'installer.reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.engine': 'Setting engineSignedWithAcs: the scan engine is ACS-signed, so its update takes the ACS check.',
  'installer.reason.AGENT_WITHOUT_CHECK': '{label}: the ACS check may not run (known limitation), so the ACS-signed program can be installed. {risk}',
  'installer.reason.SCOPE_EXCLUDES_PROGRAM': 'Update scope "{scope}": the agent program is neither downloaded nor installed; patterns still update.',
  'installer.reason.DOWNLOAD_PREVENTED': 'Event 900 was logged earlier: the agent only checks the machine periodically, with no download, until it meets ACS.',
  'installer.reason.NOT_ACS_SIGNED.declared': 'The program is not ACS-signed (before build 12011 / the March 2023 maintenance): it is judged on its own chain, not blocked for lack of ACS support.',
  'installer.reason.NOT_ACS_SIGNED.file': 'The file is validly signed, but not under an ACS root: judged on its own chain.',
  'installer.reason.SIGNATURE_NOT_VALID': "The verifier judged the file {verdict} under this machine's trust.",
  'installer.reason.INSTALLER_INVALID': "The installer's own signature fails ({verdict}: {codes}) even under every root this run knows, so this is not about the machine's ACS support. What Windows and the agent show for such a file is not in Trend Micro's Q&A: no popup or event is shown.",
  'installer.warning.agentAssumed': "{label}: pass the agent's build (--agent-build / --agent-maintenance) to be sure.",
  'installer.warning.repeatDownload': 'Agents at the December 2022 maintenance or lower have no download prevention: the program is downloaded again every cycle (network waste), and such builds may not be blocked at all (Trend Micro KA-0014129).',
  'installer.warning.uncertain': 'The profile lacks facts needed to decide whether this machine meets ACS; the run shows the worst case (not met). Collect the facts named in the reasons to be sure.',
  'installer.warning.declaredAssumed': 'The artifact declares neither a build nor a maintenance month: assumed ACS-signed (as every program since build 12011 / March 2023).',
  'installer.warning.buildNotAcs': 'The file says it is {claim}, and such programs are ACS-signed, but its valid signature is not ACS: it is not the program as released (re-signed or rebuilt); the run judges the signature it carries.',
  'installer.remediation.scope': 'Set "Security Agents only update the following components" to "Pattern files, engines, drivers" (scope patterns-engines-drivers; Agents > Agent Management > Settings > Privileges and Other Settings > Other Settings > Update Settings; SaaS: Policies > Policy Management) until the machine meets ACS.',
  'installer.remediation.installerInvalid': 'Obtain the installer again from the Apex One server or Trend Micro and check it with acs-gate verify; if it is signed by a private test PKI on purpose, pass that root with --trust.',
  'installer.remediation.rootNotCovered': 'The installer\'s chain ends at a root the ACS readiness model does not cover: if that root stands in for the ACS root (a private test PKI), name it with --acs-root and --trust; otherwise give it with --trust so the machines\' Root stores can name it, or check the installer with acs-gate verify and obtain it again from the Apex One server or Trend Micro.',
  'installer.reason.ROOT_NOT_COVERED': 'The installer\'s signature is valid under the root {root}, which this machine\'s trust does not hold (or is not known to hold), and that root is not the ACS root the readiness model judges machines on. So this is not about the machine\'s ACS support; our inference: the signature does not verify there. What Windows and the agent show then is not in Trend Micro\'s Q&A: no popup or event is shown.',
  'installer.text.agentRisk': "If the ACS-signed program reaches this agent, Trend Micro's Q&A says (our translation): its programs and services do not work correctly, and Windows Security Center may leave both the agent and Microsoft Defender active, so logon slows, applications hang and the endpoint may stop responding.",
  // ---- facts assumed on purpose (report/assumptions.ts ASSUMPTION_LABELS: --assume-online, --assume-root-auto-update) ----
  'assumption.online': "assumed online (can fetch Windows Update's root certificate list)",
  'assumption.rootAutoUpdate': 'assumed: automatic root certificate update is on',
  // ---- the fleet's progress line on stderr (cli/format/progress.ts; stderr-ja.ts says it in Japanese) ----
  'terminal.progress': '{bar} {done} machines  {rate}/s ',
  // ---- stderr's messages that cli/stderr-ja.ts says in Japanese ({n}: the n-th part its pattern keeps) ----
  'stderr.error': '{1}: error: ',
  'stderr.usage': 'usage: ',
  'stderr.unknownCommand': 'unknown command "{1}" (commands: {2})',
  'stderr.noInstaller': ': no such installer file',
  'stderr.outRequired': '--out DIR is required',
  'stderr.noInventory': 'no INVENTORY given',
  'stderr.machineRequired': '--machine PROFILE is required',
  'stderr.badLang': '--lang must be ja or en, got "{1}"',
  'stderr.noMachine': 'no machine could be read from {1}',
  'stderr.failOnReport': '--fail-on {1}: the report is written; see {2}',
  'stderr.failOn': '--fail-on {1}: {2}',
  'stderr.cannotCreateOut': ': cannot create the report directory ({1})',
  'stderr.outIsInput': ': is an input of the report and would be overwritten by it; choose another --out',
  'stderr.unknownOption': ': unknown option {1}',
  'stderr.noValue': ': {1} takes no value',
  'stderr.needsValue': ': {1} needs a value',
  'stderr.repeated': ': {1} given more than once',
  // ---- why an input was skipped or not read (messages/reasons-ja.ts: the English phrase its pattern matches, {n}: the n-th part it keeps, …: a part not repeated) ----
  'reasonJa.noSuchFileOrDirectory': 'no such file or directory ({1})',
  'reasonJa.aLoopOfSymbolicLinks': 'a loop of symbolic links ({1})',
  'reasonJa.readOnlyFileSystem1': 'read-only file system ({1})',
  'reasonJa.permissionDenied1': 'permission denied ({1})',
  'reasonJa.operationNotPermitted1': 'operation not permitted ({1})',
  'reasonJa.aPartOfThePath': 'a part of the path is a file, not a folder ({1})',
  'reasonJa.aFolderNotAFile': 'a folder, not a file ({1})',
  'reasonJa.nameTooLong1': 'name too long ({1})',
  'reasonJa.tooManyOpenFiles1': 'too many open files ({1})',
  'reasonJa.busyInUseOrA': 'busy (in use or a mount point) ({1})',
  'reasonJa.inputOutputError1': 'input/output error ({1})',
  'reasonJa.recognisedAnExcelWorkbookXlsx': 'recognised an Excel workbook (.xlsx), which is not read: open it in Excel and save it as CSV (CSV UTF-8), then give the .csv',
  'reasonJa.recognisedAnExcel972003': 'recognised an Excel 97-2003 workbook (.xls) or another OLE compound file, which is not read: save it as CSV (CSV UTF-8), then give the .csv',
  'reasonJa.giveInsteadTheOutputsOf': ': give instead the outputs of collect\\acs-collect.cmd (its reg query and certutil outputs read the same in every display language) or of acs-gate collect, or Get-ComputerInfo | ConvertTo-Json, or systeminfo run with an English or Japanese display language',
  'reasonJa.skipped': 'skipped: ',
  'reasonJa.neitherAFileNorA': 'neither a file nor a folder',
  'reasonJa.aLinkWhoseTargetDoes': 'a link whose target does not exist',
  'reasonJa.aLinkThatCannotBe': 'a link that cannot be followed: ',
  'reasonJa.theSameFolderAs1': 'the same folder as {1} (a link), already read',
  'reasonJa.theOutputFolderOfThis': 'the output folder of this report (--out): never read as input',
  'reasonJa.aFolderHoldingAReport': 'a folder holding a report written by acs-gate fleet (report.json): a report is never read as input',
  'reasonJa.aReportWrittenByAcs': 'a report written by acs-gate fleet: a report is never read as input',
  'reasonJa.deeperThan1FoldersBelow': 'deeper than {1} folders below the input: not read',
  'reasonJa.notReadInASub': 'not read (in a sub-folder of the machine folder {1})',
  'reasonJa.inASubFolderOf': ' (in a sub-folder of the machine folder {1})',
  'reasonJa.anOlderCollection1Is': 'an older collection ({1} is used)',
  'reasonJa.theDatedFolder1Beside': 'the dated folder {1} beside it is used (a newer complete set)',
  'reasonJa.anIncompleteSet': 'an incomplete set (',
  'reasonJa.noExportInItGives': 'no export in it gives the OS version',
  'reasonJa.noneOfIts1Dated': 'none of its {1} dated folders holds a complete set: every fact is unknown',
  'reasonJa.noWindowsExportInIt': 'no Windows export in it: every fact is unknown',
  'reasonJa.anEmptyFolderEveryFact': 'an empty folder: every fact is unknown',
  'reasonJa.noRecognisedExportInThe': 'no recognised export in the directory ({1} files; expected the exports of one machine, a fleet file, or one folder per machine)',
  'reasonJa.noRecognisedExportInThe2': 'no recognised export in the directory ({1} files)',
  'reasonJa.notAWindowsExportThis': 'not a Windows export this tool reads',
  'reasonJa.anExcelWorkbookNotRead': 'an Excel workbook: not read (this tool reads CSV); open it in Excel and save the sheet as "CSV UTF-8", then give the .csv',
  'reasonJa.aPDFDocumentNotRead': 'a PDF document: not read (give the exports or a CSV)',
  'reasonJa.a1FileNotRead': 'a {1} file: not read (give the exports or a CSV)',
  'reasonJa.aJSONFileThatIs': 'a JSON file that is neither a machine profile nor a recognised export',
  'reasonJa.1BytesIsTooLarge': '{1} bytes is too large for a raw Windows export (max {2}); not read',
  'reasonJa.1BytesNotAJSON': '{1} bytes: not a JSON/JSON Lines/CSV fleet file, and too large for a raw Windows export (max {2}); not read',
  'reasonJa.emptyFile': 'empty file',
  'reasonJa.noSuchFileOrDirectory2': 'no such file or directory',
  'reasonJa.cannotReadDirectory': 'cannot read directory: ',
  'reasonJa.cannotReadDirectory1': 'cannot read directory ({1})',
  'reasonJa.cannotRead': 'cannot read: ',
  'reasonJa.cannotRead1': 'cannot read ({1})',
  'reasonJa.readError1': 'read error ({1})',
  'reasonJa.notARegularFile': 'not a regular file',
  'reasonJa.lineOf1BytesIs': 'line of {1} bytes is longer than the limit of {2} bytes (1 MiB): skipped',
  'reasonJa.nestedDeeperThan1Levels': 'nested deeper than {1} levels (arrays and objects inside each other): not read',
  'reasonJa.nameMachineNameLongerThan': 'name: machine name longer than {1} characters (a Windows computer name is at most 15 (NetBIOS) or 63 (DNS label); a full DNS name at most 255)',
  'reasonJa.duplicateMachineName1Also': 'duplicate machine name "{1}": also in {2}',
  'reasonJa.aMachineProfileMustBe': 'a machine profile must be a JSON object',
  'reasonJa.notARecognisedExport': 'not a recognised export: ',
  'reasonJa.1BytesIsTooLarge2': '{1} bytes is too large for a whole JSON file (max {2}); use JSON Lines',
  'reasonJa.invalidUTF8ByteS': 'invalid UTF-8 byte(s) in a UTF-8 file (read as U+FFFD; the rest of the file is read as UTF-8)',
  'reasonJa.moreThan1BadLines': 'more than {1} bad lines: the rest of the file is not read',
  'reasonJa.1FieldsWhereTheHeader': '{1} fields where the header has {2}',
  'reasonJa.csvFleetNoHeaderRow': 'CSV fleet: no header row',
  'reasonJa.noHeaderRow': 'no header row',
  'reasonJa.recordLongerThan1Characters': 'record longer than {1} characters (unterminated quote?)',
  'reasonJa.unterminatedQuotedFieldAtEnd': 'unterminated quoted field at end of file',
  'reasonJa.noDeviceNameAndOS': 'no device name and OS version columns (use --columns name=COLUMN,version=COLUMN)',
  'reasonJa.12IsNotWindows': '{1} "{2}" is not Windows',
  'reasonJa.ubr1IsNotA': 'ubr "{1}" is not a number',
  'reasonJa.ubr1ContradictsOsVersion': 'ubr {1} contradicts os_version {2}',
  'reasonJa.12IsNotTrue': '{1} "{2}" is not true/false',
  'reasonJa.1IsLongerThan2': '{1} is longer than {2} characters',
  'reasonJa.aSHA1ThumbprintIs': 'a SHA-1 thumbprint is 40 hex digits',
  'reasonJa.versionIsMajorMinorBuild': 'version is major.minor.build, e.g. 10.0.19044',
  'reasonJa.hotfixIdsLookLikeKB5011487': 'hotfix ids look like KB5011487',
  'reasonJa.invalidInputExpected1Received': 'Invalid input: expected {1}, received {2}',
  'reasonJa.profileJSON': 'profile JSON: ',
  'reasonJa.certificateJSON': 'certificate JSON: ',
  'reasonJa.mergedProfile': 'merged profile: ',
  'reasonJa.getHotFixTableNoHeader': 'Get-HotFix table: no header line with HotFixID followed by a dashed line',
  'reasonJa.noHotFixIDColumnInThe': 'no HotFixID column in the header',
  'reasonJa.certutilStoreNoCertificateBlocks': 'certutil -store: no certificate blocks found',
  'reasonJa.regQueryNoKeyFound': 'reg query: no key found',
  'reasonJa.expectedOneJSONObject': 'expected one JSON object',
  'reasonJa.osVersion1Contradicts2': 'OS version {1} contradicts {2} from {3}',
  'reasonJa.item1IsNotAn': 'item [{1}] is not an object',
  'reasonJa.item1ThumbprintIsNot': 'item [{1}].Thumbprint is not 40 hex digits',
  'reasonJa.certificateBlockWithoutACert': 'certificate block without a "Cert Hash(sha1)" line',
  'reasonJa.sha1Hash1Is': 'SHA-1 hash "{1}" is not 40 hex digits',
  'reasonJa.unexpectedLine1': 'unexpected line "{1}"',
  'reasonJa.1IsNotAREG': '{1} is not a REG_DWORD 0x… value ("{2}")',
  'reasonJa.12IsNotA': '{1} "{2}" is not a number',
  'reasonJa.12IsNotA2': '{1} {2} is not a whole number',
  'reasonJa.12IsNotMajor': '{1} "{2}" is not major.minor.build',
  'reasonJa.aHeaderRowAndOne': 'a header row and one data row are expected; found no data row',
  'reasonJa.moreThanOneDataRow': 'more than one data row (one machine per file)',
  'reasonJa.theDataRowHas1': 'the data row has {1} fields, the header {2}',
  'reasonJa.noOSVersionLineExpected': 'no "OS Version" line (expected e.g. "{1}")',
  'reasonJa.list.systeminfo': 'systeminfo (list or /fo csv)',
  'reasonJa.list.hotfix': 'Get-HotFix (table or | ConvertTo-Csv)',
  'reasonJa.list.profile': ', reg query, or a machine profile JSON',
  'reasonJa.list.comma': ', ',
  'reasonJa.beside.exportsOf': 'exports of {1}',
  'reasonJa.beside.fleetFiles': 'fleet files',
  'reasonJa.beside.machineFolders': 'machine folders',
  'reasonJa.beside.otherInputs': 'other inputs',
  'reasonJa.json.end': 'Unexpected end of JSON input',
  'reasonJa.json.unterminated': 'Unterminated string{at}',
  'reasonJa.json.control': 'Bad control character{at}',
  'reasonJa.json.after': 'Unexpected text after JSON{at}',
  'reasonJa.json.syntax': 'bad JSON syntax{at}',
  'reasonJa.json.position': ' (at position {pos})',
  'reasonJa.hint.systeminfoLanguage': 'recognised systeminfo output in a display language whose labels are not read ({n} "label: value" lines, OS version {version}{hotfixes}; only English and Japanese labels are read)',
  'reasonJa.hint.hotfixEntries': ', {n} hotfix entries',
  'reasonJa.hint.systeminfoCsv': 'recognised a CSV with {n} columns that looks like systeminfo /fo csv in a display language whose column names are not read (OS version {version}; only English and Japanese column names are read)',
  'reasonJa.exportNamesNoMachine': 'a machine\'s export that names no machine, beside {beside}: it belongs to none of them (put it in its machine\'s folder)',
  'reasonJa.notProfileNorExport': 'not a machine profile (no "name" or "os") and not a recognised export (expected {list})',
  'reasonJa.notRecognisedExpected': 'not a recognised export (expected {list})',
  'reasonJa.moreThan': 'more than {n} {what}',
  'reasonJa.what.hotfixes': 'hotfixes',
  'reasonJa.what.root store entries': 'root store entries',
  'reasonJa.what.sources': 'sources',
  // ---- acs-gate verify's human output: signtool style in English (cli/format/verify.ts, keys .signtool), its own in Japanese (verify-ja.ts) ----
  'verify.verifying': 'Verifying: {file}',
  'verify.format': 'Format: {format}',
  'verify.version.note': 'Version info:   {note}',
  'verify.version.company': 'Company',
  'verify.version.description': 'Description',
  'verify.version.product': 'Product',
  'verify.version.productVersion': 'Prod version',
  'verify.version.fileVersion': 'File version',
  'verify.version.originalName': 'Original name',
  'verify.version.internalName': 'Internal name',
  'verify.version.copyright': 'Copyright',
  'verify.version.fixed': '{value} (fixed {fixed})',
  'verify.signature.primary': 'Signature Index: {index} (Primary Signature)',
  'verify.signature.nested': 'Signature Index: {index} (Nested Signature)',
  'verify.hash': 'Hash of file ({algorithm}): {result}',
  'verify.hash.notCompared': 'not compared (the signature was refused before)',
  'verify.hash.matches': 'matches the signed digest',
  'verify.hash.differs': 'DOES NOT match the signed digest',
  'verify.signer': 'Signer: {signer}',
  'verify.chain.signtool': 'Signing Certificate Chain:',
  'verify.chain.rootFirst': 'Signing certificate chain (from the root):',
  'verify.cert.issuedTo.signtool': 'Issued to: {name}',
  'verify.cert.issuedBy.signtool': 'Issued by: {name}',
  'verify.cert.expires.signtool': 'Expires:   {date}',
  'verify.cert.sha1.signtool': 'SHA1 hash: {sha1}',
  'verify.cert.issuedTo': 'Issued to: {name}',
  'verify.cert.expires': 'Expires: {date}',
  'verify.cert.sha1': 'SHA1 hash: {sha1}',
  'verify.timestamp.none.signtool': 'File is not timestamped.',
  'verify.timestamp.none': 'Timestamp: none',
  'verify.timestamp.at.signtool': 'The signature is timestamped ({kind}): {date}',
  'verify.timestamp.at': 'Timestamp ({kind}): {date}',
  'verify.timestamp.invalid': 'The signature has a {kind} timestamp that does not verify (TIMESTAMP_INVALID below).',
  'verify.timestamp.revoked': 'The signature has a {kind} timestamp; not used: a certificate of its chain is revoked (CERT_REVOKED below).',
  'verify.timestamp.lifetime': 'The signature has a {kind} timestamp; not used: the signer\'s certificate is for lifetime signing, judged at the verification time.',
  'verify.timestamp.chain': 'Timestamp Verified by:',
  'verify.revocation': 'Revocation: {summary}',
  'verify.revocation.detail': '{chain} chain, {subject}: {status} ({message})',
  'verify.revocation.not-checked': 'not checked (give a CRL with --crl to check)',
  'verify.revocation.good': 'not revoked (checked against the CRLs given)',
  'verify.revocation.unknown': 'cannot be decided (a certificate the CRLs given do not cover)',
  'verify.revocation.revoked': 'revoked',
  'verify.acs.signature.signtool': 'Azure Code Signing (ACS): {yesNo}',
  'verify.acs.signature': 'Signed by Azure Code Signing (ACS): {yesNo}',
  'verify.catalog.signtool': 'File is signed in catalog: {file}{member} ({hashKind} {algorithm} {digest})',
  'verify.catalog.member': ' as "{member}"',
  'verify.catalog.signature.signtool': 'Catalog signature: {state}',
  'verify.catalog.holds': 'valid',
  'verify.catalog.fails': 'DOES NOT hold',
  'verify.catalog': 'File is signed in catalog: {file} (catalog signature: {state})',
  'verify.success.signtool': 'Successfully verified: {file}',
  'verify.acs': 'ACS: {yesNo}',
  'verify.error.signtool': 'SignTool Error: {error}',
  'verify.noSignature.signtool': 'No signature found',
  'verify.verdict': 'Verdict: {verdict}',
  'verify.totals.signtool': 'Number of files successfully Verified: {ok}\nNumber of warnings: 0\nNumber of errors: {errors}',
  'verify.totals': '{ok} of {total} signatures verified; {errors} not valid',
  'verify.failure.MALFORMED_PE': 'PE headers or offsets that do not hold together',
  'verify.failure.MALFORMED_MSI': 'compound file (MSI) structure that does not hold together',
  'verify.failure.UNKNOWN_FORMAT': 'not a file format this tool reads',
  'verify.failure.TRUNCATED_FILE': 'a structure runs past the end of the file (the file is cut short)',
  'verify.failure.NOT_SIGNED': 'no signature present',
  'verify.failure.BAD_CERT_TABLE': 'the certificate table (WIN_CERTIFICATE) does not hold together',
  'verify.failure.CERT_TABLE_NOT_AT_END': 'the certificate table is not at the end of the file',
  'verify.failure.TRAILING_DATA': 'extra data after the signature',
  'verify.failure.PADDING_AFTER_SIGNATURE': 'extra data after the signature data (PKCS #7) (CVE-2013-3900)',
  'verify.failure.UNREACHABLE_MSI_DATA': 'MSI data that no entry refers to (CVE-2020-1464 class)',
  'verify.failure.MALFORMED_CAB': 'cabinet file structure that does not hold together',
  'verify.failure.MALFORMED_CATALOG': 'the catalog file\'s content is not a list of file hashes',
  'verify.failure.MALFORMED_SCRIPT': 'the script\'s signature block is not well formed',
  'verify.failure.MALFORMED_APPX': 'APPX / MSIX package structure that does not hold together',
  'verify.failure.APPX_DIGEST_MISMATCH': 'the APPX\'s signed digests do not match the package',
  'verify.failure.APPX_BLOCKMAP_MISMATCH': 'the APPX\'s block map does not match the package\'s content',
  'verify.failure.NOT_IN_CATALOG': 'the file\'s hash is in none of the catalogs given',
  'verify.failure.CATALOG_INVALID': 'the signature of the catalog holding the file is not valid',
  'verify.failure.MALFORMED_SIGNATURE': 'the signature data (PKCS #7) cannot be read',
  'verify.failure.UNSUPPORTED_ALGORITHM': 'an algorithm this tool does not support',
  'verify.failure.WEAK_DIGEST': 'MD5 is used (refused)',
  'verify.failure.DIGEST_ALGORITHM_MISMATCH': 'the digest algorithms of the signature\'s parts disagree',
  'verify.failure.DIGEST_MISMATCH': 'the file\'s hash does not match the signed value (the file was changed)',
  'verify.failure.MSI_DSE_MISMATCH': 'the MSI\'s metadata hash (MsiDigitalSignatureEx) does not match',
  'verify.failure.UNSUPPORTED_DATA_TYPE': 'the data type the signature names cannot be compared',
  'verify.failure.MESSAGE_DIGEST_MISMATCH': 'the signed attributes\' digest (messageDigest) does not match',
  'verify.failure.SIGNER_NOT_FOUND': 'the signer\'s certificate is not in the signature data',
  'verify.failure.BAD_SIGNATURE': 'the signer\'s signature does not verify with its certificate\'s key',
  'verify.failure.TIMESTAMP_INVALID': 'the timestamp does not verify',
  'verify.failure.UNTRUSTED_ROOT': 'the certificate chain does not end at a trusted root certificate',
  'verify.failure.CHAIN_INCOMPLETE': 'the certificate chain cannot be built (an issuer\'s certificate is missing)',
  'verify.failure.CHAIN_SIGNATURE_INVALID': 'an issuer\'s signature in the certificate chain does not verify',
  'verify.failure.CERT_EXPIRED': 'a certificate of the chain has expired',
  'verify.failure.CERT_NOT_YET_VALID': 'a certificate of the chain is not yet valid',
  'verify.failure.NOT_A_CA': 'an issuer\'s certificate is not a CA certificate',
  'verify.failure.PATH_LENGTH_EXCEEDED': 'a CA certificate\'s path length constraint is exceeded',
  'verify.failure.EKU_NOT_CODE_SIGNING': 'the signer\'s certificate is not for code signing (extended key usage)',
  'verify.failure.KEY_USAGE_INVALID': 'the signer\'s certificate\'s key usage lacks digital signature',
  'verify.failure.CERT_REVOKED': 'a certificate is revoked (by a CRL given)',
  'verify.failure.NOT_ACS_ROOT': 'the signature is valid, but the certificate chain does not end at the ACS root certificate',
  'verify.failure.ACS_EKU_MISSING': 'the signature is valid, but the signer\'s certificate lacks the ACS extended key usage',
  'verify.failure.NONSTANDARD_DATA_TYPE': 'the signature was judged valid on the PE digest, but its data type is not the standard one',
  'verify.failure.IO_ERROR': 'the file cannot be read',
  'verify.failure.BAD_TRUST_INPUT': 'a certificate, CRL or verification time given cannot be used',
} as const satisfies Record<string, string>;

/** A key of the text home (the same set in every language). */
export type TextKey = keyof typeof EN;
