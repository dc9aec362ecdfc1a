/** The relation index formula in words, for `--help`, reports and docs. */
import type { RelationParams } from '../relations/types.js';

export function describeMethod(p: RelationParams, format: 'text' | 'html' | 'md'): string {
  const m = p.modality;
  const lines = [
    `Relation index (−100…+100) of a dyad at date T = 100 × Σ wᵢ·sᵢ / (10 × (Σ wᵢ + ${p.prior})), over its distinct events i on or before T.`,
    `sᵢ = Goldstein × modality weight × (0.5 + 0.5 × coder confidence); modality weights: asserted ${m.asserted}, reported ${m.reported}, planned ${m.planned}, threatened ${m.threatened} (always counted as conflict), historical ${m.historical}, hypothetical ${m.hypothetical}; a negated conflict counts flipped × ${p.negatedConflict}, a negated cooperation 0.`,
    `wᵢ = share × ½^(age in days / ${p.halfLifeDays}); share is 1 for an event naming both sides, min(${p.memberShare}, 1/√members) for a member of an alliance, bloc or forum named as a group, 1/members for a region or informal group; member shares under ${p.minMemberShare} are dropped.`,
    `Distinct events: reports of the same dyad (either direction) and CAMEO root within ${p.sameEventDays} day(s) are one event scored by their mean — many articles about one meeting are one meeting.`,
    `Confidence = (1 − e^(−n/3)) × (0.4 + 0.6 × min(1, outlets/3)), n the decayed count of distinct events.`,
    `A shift: the index moved ≥ ${p.minChange} points over the window (default ${p.windowDays} days) with ≥ ${p.minEvents} distinct events in it. Hedging: A allied to B (a defence, security or intelligence agreement of strength ≥ 40 in data/alliances), B and C rivals (a listed rivalry their index does not contradict, or a B–C index ≤ −10), A–C shifting up while A–B does not rise by a shift's worth.`,
    `Baseline: the strongest formal tie in data/alliances (defence treaty 50, AUKUS 45, Five Eyes 40, …) or the listed rivalry (negative), shown beside the index.`,
  ];
  if (format === 'html') return lines.map((l) => `<p class="small">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
  if (format === 'md') return lines.map((l) => `- ${l}`).join('\n');
  return lines.join('\n');
}
