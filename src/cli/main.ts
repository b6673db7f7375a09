/** Entry point of the acs-gate command line. */
export async function main(argv: string[]): Promise<number> {
  process.stderr.write(`acs-gate: not implemented yet (${argv.join(' ')})\n`);
  return 2;
}

export function runMain(): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`acs-gate: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
