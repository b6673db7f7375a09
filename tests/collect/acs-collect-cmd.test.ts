/**
 * collect/acs-collect.cmd cannot run here (no cmd.exe): these checks read it as text. They prove it is a
 * Windows batch file cmd.exe reads safely (CRLF, ASCII, delayed expansion off, paths quoted), that it writes
 * exactly the files the Node collector writes (COLLECT_FILES), each one the importers recognise, and that its
 * log lines are the ones the log importer reads.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COLLECT_FILES } from '../../src/collect';
import { importBytes } from '../../src/endpoint/importers';
import { COLLECT_LOG_FIRST_LINE } from '../../src/endpoint/importers/collect-log';
import { crlf, encode } from '../helpers/windows-exports';

const CMD_PATH = path.join(__dirname, '..', '..', 'collect', 'acs-collect.cmd');
const bytes = readFileSync(CMD_PATH);
const text = bytes.toString('latin1');
const lines = text.split('\r\n');
const code = lines.filter((l) => !/^\s*(rem\b|::|@echo off)/i.test(l));

describe('acs-collect.cmd is a batch file cmd.exe reads as intended', () => {
  it('CRLF line ends only, ASCII only, ends with a line break', () => {
    expect(bytes.length).toBeGreaterThan(1000);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect([...bytes].every((b) => b === 0x0d || b === 0x0a || (b >= 0x20 && b < 0x7f))).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('delayed expansion is off (a "!" in a path stays a "!"), and the argument is only read inside quotes', () => {
    expect(text).toContain('setlocal EnableExtensions DisableDelayedExpansion');
    expect(text).not.toMatch(/EnableDelayedExpansion/);
    const main = code.slice(0, code.findIndex((l) => l === ':record')); // :record reads its own %~1
    const argUses = main.filter((l) => /%~?1\b/.test(l));
    expect(argUses).toEqual(['set "ACS_OUT=%~1"']);
  });

  it('every path variable is used inside double quotes (spaces, &, parentheses in paths)', () => {
    const pathVars = ['ACS_OUT', 'ACS_WORK', 'ACS_DEST', 'ACS_PROBE', 'ACS_LOG', 'ACS_CERTUTIL', 'TEMP', 'ACS_STAGE_NAME', 'ACS_OLD_NAME', 'ACS_HOTFIX_OUT'];
    const unquoted: string[] = [];
    for (const l of code) {
      if (/^\s*for \/f/i.test(l)) continue; // checked below
      for (const v of pathVars) {
        let i = l.indexOf(`%${v}%`);
        while (i >= 0) {
          const quotesBefore = (l.slice(0, i).match(/"/g) ?? []).length;
          if (quotesBefore % 2 === 0 && !/^\s*if "?%ACS_OUT:~-1%/.test(l)) unquoted.push(l.trim());
          i = l.indexOf(`%${v}%`, i + 1);
        }
      }
    }
    expect(unquoted).toEqual([]);
    // for /f runs its command through cmd /c: only %SystemRoot% tools (no spaces) appear there, never a path
    // from the argument or %TEMP%
    for (const l of code.filter((x) => /^\s*for \/f/i.test(x))) {
      expect(l).not.toMatch(/%ACS_(OUT|WORK|DEST|LOG|PROBE)%|%TEMP%/);
    }
  });

  it('no "echo ...N>>file" trap: every appending echo puts the redirection first', () => {
    expect(code.filter((l) => /\becho\b.*\d>>?/.test(l) && !/1>&2$/.test(l))).toEqual([]);
    expect(code.filter((l) => /\becho\b/.test(l) && /acs-collect\.txt|ACS_LOG/.test(l) && !/^\s*(if not defined \w+ )?>>?"%ACS_LOG%" echo /.test(l))).toEqual([]);
  });

  it('every goto / call target exists; it exits only with 0 (written) or 2 (usage, share not writable)', () => {
    const labels = new Set(lines.filter((l) => /^:[a-z_]+$/i.test(l)).map((l) => l.slice(1).toLowerCase()));
    const targets = [...text.matchAll(/\b(?:goto|call) :([a-z_]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) expect(labels.has(t)).toBe(true);
    const exits = [...text.matchAll(/\bexit \/b (\S+)/gi)].map((m) => m[1]);
    expect(new Set(exits)).toEqual(new Set(['0', '2']));
  });

  it('runs only built-in tools, from %SystemRoot% (Sysnative under a 32-bit host)', () => {
    const tools = new Set([...text.matchAll(/%ACS_SYS%\\([\w\\.]+\.exe)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tools].sort()).toEqual(['certutil.exe', 'findstr.exe', 'reg.exe', 'systeminfo.exe', 'wbem\\wmic.exe', 'windowspowershell\\v1.0\\powershell.exe']);
    expect(text).toContain('if exist "%SystemRoot%\\Sysnative\\reg.exe" set "ACS_SYS=%SystemRoot%\\Sysnative"');
  });

  it('writes into %TEMP% first, then a hidden staging folder on the share, renamed into place', () => {
    expect(text).toMatch(/set "ACS_WORK=%TEMP%\\acs-collect-/);
    expect(text).toMatch(/set "ACS_STAGE_NAME=\.%ACS_NAME%\.partial-/);
    expect(text).toMatch(/ren "%ACS_OUT%\\%ACS_STAGE_NAME%" "%ACS_NAME%"/);
    // nothing but the exports reaches the share: the probe's folder and result file are removed before the copy
    const copyAt = text.indexOf('copy /y "%ACS_WORK%\\*"');
    expect(copyAt).toBeGreaterThan(0);
    for (const cleanup of ['del /f /q "%ACS_PROBE_OUT%"', 'rmdir /s /q "%ACS_PROBE%"']) {
      expect(text.indexOf(cleanup)).toBeGreaterThan(0);
      expect(text.indexOf(cleanup)).toBeLessThan(copyAt);
    }
  });

  it('the probe is stopped after 60 seconds through PowerShell, and its path reaches certutil quoted', () => {
    const ps = lines.find((l) => l.includes('Start-Process -FilePath $env:ACS_CERTUTIL'))!;
    expect(ps).toMatch(/^"%ACS_PS%" -NoProfile -NonInteractive -Command "[^"]*" >nul 2>&1 <nul$/); // one quoted script: no cmd metacharacters live
    expect(ps).toContain("('-f -syncWithWU ' + [char]34 + $env:ACS_PROBE + [char]34)");
    expect(ps).toContain('WaitForExit(60000)');
    expect(ps).toMatch(/\$p\.Kill\(\)/);
    expect(ps.slice(ps.indexOf('-Command "') + 10, -' >nul 2>&1 <nul'.length - 1)).not.toMatch(/[%!^&|<>]/);
  });
});

describe('acs-collect.cmd writes what the importers read, under the same names as acs-gate collect', () => {
  const written = new Set([...text.matchAll(/%ACS_WORK%\\([A-Za-z0-9._-]+\.(?:csv|txt))/g)].map((m) => m[1]!));
  const logged = new Set([...text.matchAll(/file=([A-Za-z0-9._-]+|%~1)/g)].map((m) => m[1]!).filter((n) => n !== '%~1'));
  const recorded = new Set([...text.matchAll(/call :record ([A-Za-z0-9._-]+)/g)].map((m) => m[1]!));

  it('the files it writes are exactly COLLECT_FILES (the log included)', () => {
    expect([...written].sort()).toEqual(COLLECT_FILES.map((f) => f.name).sort());
    for (const n of [...logged, ...recorded]) expect(written.has(n)).toBe(true);
  });

  it('each of those names, holding what its command prints, is recognised by the importers as the right export', () => {
    // minimal outputs of each command, as cmd.exe redirection writes them (OEM code page / UTF-16LE for wmic)
    const samples: Record<string, Buffer> = {
      'systeminfo.csv': encode(crlf('"Host Name","OS Name","OS Version","OS Configuration","Hotfix(s)"\n"PC-1","Microsoft Windows 10 Pro","10.0.19045 N/A Build 19045","Standalone Workstation","1 Hotfix(s) Installed.,[01]: KB5011048"\n'), 'utf8'),
      'hotfixes.csv': encode(crlf('"PSComputerName","HotFixID"\n"PC-1","KB5011048"\n'), 'utf8-bom'),
      'wmic-qfe.csv': encode('\r\r\nNode,Caption,CSName,Description,FixComments,HotFixID,InstallDate,InstalledBy,InstalledOn,Name,ServicePackInEffect,Status\r\r\nPC-1,,PC-1,Update,,KB5011048,,,,,,\r\r\n', 'utf16le'),
      'certutil-root.txt': encode(crlf('Root "信頼されたルート証明機関"\n================ 証明書 0 ================\nサブジェクト: CN=Root\n証明書ハッシュ(sha1): f40042e2e5f7e8ef8189fed15519aece42c3bfa2\nCertUtil: -store コマンドは正常に完了しました。\n'), 'shift_jis'),
      'reg-ubr.txt': encode(crlf('\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n    UBR    REG_DWORD    0xeed\n\n'), 'utf8'),
      'reg-authroot.txt': encode(crlf('エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。\n'), 'shift_jis'),
      'acs-collect.txt': encode(
        crlf(`${COLLECT_LOG_FIRST_LINE}\ncomputer=PC-1\ncollector=acs-collect.cmd 1\nstarted=2026/11/30 13:05:12.34\nfile=systeminfo.csv result=written exit=0\nrootdirurl=\nprobe.command=certutil -f -syncWithWU\nprobe.exit=-2147012889\nprobe.timeout=no\nprobe.authrootstl=no\n`),
        'utf8',
      ),
    };
    for (const f of COLLECT_FILES) {
      const r = importBytes(samples[f.name]!, path.join('C:\\share\\PC-1', f.name));
      expect({ file: f.name, kind: r.kind }).toEqual({ file: f.name, kind: f.kind });
    }
    expect(importBytes(samples['reg-authroot.txt']!, 'reg-authroot.txt').facts.rootAutoUpdate).toBe(true);
    expect(importBytes(samples['acs-collect.txt']!, 'acs-collect.txt').facts.online).toBe(false);
  });

  it('its log lines are the ones the log importer reads', () => {
    const echoed = [...text.matchAll(/"%ACS_LOG%" echo ([a-z.]+)=?/g)].map((m) => m[1]!);
    expect(text).toContain(`>"%ACS_LOG%" echo ${COLLECT_LOG_FIRST_LINE}\r\n`);
    for (const k of ['computer', 'collector', 'started', 'file', 'rootdirurl', 'probe.command', 'probe.exit', 'probe.timeout', 'probe.authrootstl', 'probe.missing']) {
      expect(echoed).toContain(k);
    }
    // the bounded probe prints "exit=N" or "timeout"; "probe.exit=N" is what reaches the log
    expect(text).toContain('>>"%ACS_LOG%" echo probe.%ACS_PROBE_RESULT%');
    expect(text).toContain("'exit=' + $p.ExitCode");
    expect(text).toContain('WaitForExit(60000)');
  });
});
