@echo off
rem acs-collect.cmd - collect what acs-gate needs to judge this machine's Azure Code Signing readiness,
rem with the commands every Windows has (no Node). For GPO startup scripts, Intune and Configuration Manager.
rem
rem   acs-collect.cmd \\server\share\acs
rem
rem writes \\server\share\acs\%COMPUTERNAME%\ with the same files as "acs-gate collect --out":
rem   systeminfo.csv       systeminfo /fo csv
rem   hotfixes.csv         Get-HotFix ^| ConvertTo-Csv (PowerShell), or wmic-qfe.csv (wmic qfe) without it
rem   certutil-root.txt    certutil -store Root
rem   reg-ubr.txt          reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v UBR
rem   reg-authroot.txt     reg query HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot /v DisableRootAutoUpdate
rem   acs-collect.txt      what ran and failed (exit codes), and the online probe: certutil -f -syncWithWU
rem                        into a temporary folder, stopped after 60 seconds (when PowerShell is present)
rem Everything is written to %TEMP% first, copied to a hidden staging folder on the share, then renamed into
rem place. Exit code: 0 when the folder was written (even if a command failed: see acs-collect.txt),
rem 2 for a missing argument or a share that cannot be written. See docs/collect.md.

setlocal EnableExtensions DisableDelayedExpansion

set "ACS_OUT=%~1"
if not defined ACS_OUT goto :usage
if "%ACS_OUT:~-1%"=="\" set "ACS_OUT=%ACS_OUT:~0,-1%"
set "ACS_NAME=%COMPUTERNAME%"
if not defined ACS_NAME goto :usage

rem a 32-bit host process (Intune, Configuration Manager) sees the 64-bit tools through Sysnative
set "ACS_SYS=%SystemRoot%\System32"
if exist "%SystemRoot%\Sysnative\reg.exe" set "ACS_SYS=%SystemRoot%\Sysnative"
set "ACS_CERTUTIL=%ACS_SYS%\certutil.exe"
set "ACS_PS=%ACS_SYS%\WindowsPowerShell\v1.0\powershell.exe"

set "ACS_WORK=%TEMP%\acs-collect-%RANDOM%%RANDOM%"
mkdir "%ACS_WORK%" >nul 2>&1 || goto :no_temp
set "ACS_LOG=%ACS_WORK%\acs-collect.txt"

>"%ACS_LOG%" echo acs-gate collect log 1
>>"%ACS_LOG%" echo computer=%ACS_NAME%
>>"%ACS_LOG%" echo collector=acs-collect.cmd 1
>>"%ACS_LOG%" echo started=%DATE% %TIME%

rem ---- systeminfo (OS version, caption, configuration, hotfixes) ----
"%ACS_SYS%\systeminfo.exe" /fo csv >"%ACS_WORK%\systeminfo.csv" 2>nul <nul
call :record systeminfo.csv %ERRORLEVEL%

rem ---- installed updates: Get-HotFix through PowerShell, else wmic qfe ----
set "ACS_HOTFIX_OUT=%ACS_WORK%\hotfixes.csv"
if not exist "%ACS_PS%" goto :hotfix_no_ps
"%ACS_PS%" -NoProfile -NonInteractive -Command "$ErrorActionPreference = 'Stop'; Get-HotFix | ConvertTo-Csv -NoTypeInformation | Out-File -LiteralPath $env:ACS_HOTFIX_OUT -Encoding UTF8" >nul 2>&1 <nul
call :record hotfixes.csv %ERRORLEVEL%
if exist "%ACS_WORK%\hotfixes.csv" (
  >>"%ACS_LOG%" echo file=wmic-qfe.csv result=skipped
  goto :hotfix_done
)
goto :hotfix_wmic
:hotfix_no_ps
>>"%ACS_LOG%" echo file=hotfixes.csv result=missing
:hotfix_wmic
if not exist "%ACS_SYS%\wbem\wmic.exe" (
  >>"%ACS_LOG%" echo file=wmic-qfe.csv result=missing
  goto :hotfix_done
)
"%ACS_SYS%\wbem\wmic.exe" qfe list full /format:csv >"%ACS_WORK%\wmic-qfe.csv" 2>nul <nul
call :record wmic-qfe.csv %ERRORLEVEL%
:hotfix_done

rem ---- LocalMachine Root store ----
"%ACS_CERTUTIL%" -store Root >"%ACS_WORK%\certutil-root.txt" 2>nul <nul
call :record certutil-root.txt %ERRORLEVEL%

rem ---- update build revision (not in the registry before Windows 10: exit 1 = not set) ----
"%ACS_SYS%\reg.exe" query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v UBR >"%ACS_WORK%\reg-ubr.txt" 2>nul <nul
if "%ERRORLEVEL%"=="1" (
  del /f /q "%ACS_WORK%\reg-ubr.txt" >nul 2>&1
  >>"%ACS_LOG%" echo file=reg-ubr.txt result=not-set exit=1
) else (
  call :record reg-ubr.txt %ERRORLEVEL%
)

rem ---- automatic root update policy: the "value not found" answer (exit 1) is kept, it means "not set" ----
"%ACS_SYS%\reg.exe" query HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot /v DisableRootAutoUpdate >"%ACS_WORK%\reg-authroot.txt" 2>&1 <nul
if "%ERRORLEVEL%"=="1" (
  >>"%ACS_LOG%" echo file=reg-authroot.txt result=written exit=1
) else (
  call :record reg-authroot.txt %ERRORLEVEL%
)

rem ---- where this machine downloads the root list from, when redirected (RootDirURL) ----
set "ACS_ROOTDIR_SEEN="
for /f "tokens=2,*" %%A in ('%ACS_SYS%\reg.exe query HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate /v RootDirURL 2^>nul ^<nul ^| %ACS_SYS%\findstr.exe /i /c:"RootDirURL"') do (
  >>"%ACS_LOG%" echo rootdirurl=%%B
  set "ACS_ROOTDIR_SEEN=1"
)
if not defined ACS_ROOTDIR_SEEN >>"%ACS_LOG%" echo rootdirurl=

rem ---- online probe: can this machine download Windows' root certificate list (authrootstl.cab)? ----
set "ACS_PROBE=%ACS_WORK%\probe"
mkdir "%ACS_PROBE%" >nul 2>&1
>>"%ACS_LOG%" echo probe.command=certutil -f -syncWithWU
if not exist "%ACS_CERTUTIL%" (
  >>"%ACS_LOG%" echo probe.missing=yes
  goto :probe_cab
)
if not exist "%ACS_PS%" goto :probe_unbounded
rem PowerShell starts certutil, waits at most 60 seconds, stops it, and writes "exit=N" or "timeout"
set "ACS_PROBE_OUT=%ACS_WORK%\probe-result.tmp"
"%ACS_PS%" -NoProfile -NonInteractive -Command "$p = Start-Process -FilePath $env:ACS_CERTUTIL -ArgumentList ('-f -syncWithWU ' + [char]34 + $env:ACS_PROBE + [char]34) -WindowStyle Hidden -PassThru; $null = $p.Handle; if ($p.WaitForExit(60000)) { $r = 'exit=' + $p.ExitCode } else { try { $p.Kill() } catch { }; $r = 'timeout' }; Set-Content -LiteralPath $env:ACS_PROBE_OUT -Value $r -Encoding ASCII" >nul 2>&1 <nul
set "ACS_PROBE_RESULT="
if exist "%ACS_PROBE_OUT%" set /p ACS_PROBE_RESULT=<"%ACS_PROBE_OUT%"
del /f /q "%ACS_PROBE_OUT%" >nul 2>&1
if not defined ACS_PROBE_RESULT set "ACS_PROBE_RESULT=none"
if "%ACS_PROBE_RESULT%"=="timeout" (
  >>"%ACS_LOG%" echo probe.exit=
  >>"%ACS_LOG%" echo probe.timeout=yes
  goto :probe_cab
)
if "%ACS_PROBE_RESULT:~0,5%"=="exit=" (
  >>"%ACS_LOG%" echo probe.%ACS_PROBE_RESULT%
) else (
  >>"%ACS_LOG%" echo probe.exit=
)
>>"%ACS_LOG%" echo probe.timeout=no
goto :probe_cab
:probe_unbounded
rem without PowerShell nothing can stop certutil early; its own network time limits apply
"%ACS_CERTUTIL%" -f -syncWithWU "%ACS_PROBE%" >nul 2>&1 <nul
>>"%ACS_LOG%" echo probe.exit=%ERRORLEVEL%
>>"%ACS_LOG%" echo probe.timeout=no
:probe_cab
set "ACS_CAB=no"
for %%F in ("%ACS_PROBE%\authrootstl.cab") do if exist "%%~fF" if %%~zF GTR 0 set "ACS_CAB=yes"
>>"%ACS_LOG%" echo probe.authrootstl=%ACS_CAB%
rmdir /s /q "%ACS_PROBE%" >nul 2>&1

rem ---- into the share: staging folder (hidden from the reader), then rename into place ----
set "ACS_DEST=%ACS_OUT%\%ACS_NAME%"
set "ACS_STAGE_NAME=.%ACS_NAME%.partial-%RANDOM%%RANDOM%"
set "ACS_OLD_NAME=.%ACS_NAME%.old-%RANDOM%%RANDOM%"
if not exist "%ACS_OUT%\" mkdir "%ACS_OUT%" >nul 2>&1
mkdir "%ACS_OUT%\%ACS_STAGE_NAME%" >nul 2>&1 || goto :cannot_write
copy /y "%ACS_WORK%\*" "%ACS_OUT%\%ACS_STAGE_NAME%\" >nul 2>&1 || goto :cannot_copy
if exist "%ACS_DEST%\" (
  ren "%ACS_DEST%" "%ACS_OLD_NAME%" >nul 2>&1 || goto :cannot_copy
)
ren "%ACS_OUT%\%ACS_STAGE_NAME%" "%ACS_NAME%" >nul 2>&1 || goto :restore_old
if exist "%ACS_OUT%\%ACS_OLD_NAME%\" rmdir /s /q "%ACS_OUT%\%ACS_OLD_NAME%" >nul 2>&1
rmdir /s /q "%ACS_WORK%" >nul 2>&1
echo acs-collect: wrote "%ACS_DEST%"
endlocal
exit /b 0

rem ---- helpers and failures ----
:record
rem %1 = file name in the work folder, %2 = exit code: keep the file when the command succeeded with output
if not "%~2"=="0" goto :record_failed
if not exist "%ACS_WORK%\%~1" goto :record_failed
for %%F in ("%ACS_WORK%\%~1") do if %%~zF EQU 0 goto :record_empty
>>"%ACS_LOG%" echo file=%~1 result=written exit=%~2
exit /b 0
:record_failed
del /f /q "%ACS_WORK%\%~1" >nul 2>&1
>>"%ACS_LOG%" echo file=%~1 result=failed exit=%~2
exit /b 0
:record_empty
del /f /q "%ACS_WORK%\%~1" >nul 2>&1
>>"%ACS_LOG%" echo file=%~1 result=empty exit=%~2
exit /b 0

:restore_old
if exist "%ACS_OUT%\%ACS_OLD_NAME%\" ren "%ACS_OUT%\%ACS_OLD_NAME%" "%ACS_NAME%" >nul 2>&1
:cannot_copy
rmdir /s /q "%ACS_OUT%\%ACS_STAGE_NAME%" >nul 2>&1
:cannot_write
echo acs-collect: cannot write into "%ACS_OUT%" (the computer account needs write access: docs/collect.md) 1>&2
rmdir /s /q "%ACS_WORK%" >nul 2>&1
endlocal
exit /b 2

:no_temp
echo acs-collect: cannot create a work folder in "%TEMP%" 1>&2
endlocal
exit /b 2

:usage
echo usage: acs-collect.cmd \\server\share\acs   (writes \\server\share\acs\%%COMPUTERNAME%%\) 1>&2
endlocal
exit /b 2
