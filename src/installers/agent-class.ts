/**
 * Which ACS behaviour an installed agent has (spec section 5), from its build (Apex One) or its
 * maintenance month (Apex One SaaS, Vision One SEP agents).
 */
import { APEX_ONE_ACS_BUILD, monthIndex } from './acs-check';
import type { Product } from './types';
import { installerText, type TextLang } from './texts';

/**
 * - 'download-prevention': has the check and downloads once (Apex One >= 12011; SaaS >= 2023-01)
 * - 'repeat-download': SaaS <= 2022-12: blocked, but downloads again every cycle (and may not be blocked at all)
 * - 'no-check': Apex One < 12011: the known limitation, the ACS-signed program may be installed
 */
export type AgentClass = 'download-prevention' | 'repeat-download' | 'no-check';

export const SAAS_CHECK_MAINTENANCE = '2023-01';

export interface AgentClassification {
  agentClass: AgentClass;
  /** true when the agent's build was not given and the class is assumed */
  assumed: boolean;
  label: string;
}

/** `lang` ('en' by default) only picks the language of the label. */
export function classifyAgent(
  product: Product,
  agent: { build?: number; maintenance?: string } | undefined,
  lang: TextLang = 'en',
): AgentClassification {
  if (product === 'apex-one') {
    const build = agent?.build;
    if (build === undefined) {
      return { agentClass: 'download-prevention', assumed: true, label: installerText('label.apexOne.assumed', lang) };
    }
    return build >= APEX_ONE_ACS_BUILD
      ? { agentClass: 'download-prevention', assumed: false, label: installerText('label.apexOne.check', lang, { build }) }
      : { agentClass: 'no-check', assumed: false, label: installerText('label.apexOne.noCheck', lang, { build }) };
  }
  const m = agent?.maintenance;
  if (m === undefined) {
    return { agentClass: 'download-prevention', assumed: true, label: installerText('label.saas.assumed', lang) };
  }
  const i = monthIndex(m);
  if (Number.isNaN(i)) throw new Error(`agent maintenance must be YYYY-MM: ${m}`);
  return i >= monthIndex(SAAS_CHECK_MAINTENANCE)
    ? { agentClass: 'download-prevention', assumed: false, label: installerText('label.saas.check', lang, { maintenance: m }) }
    : { agentClass: 'repeat-download', assumed: false, label: installerText('label.saas.repeat', lang, { maintenance: m }) };
}
