/**
 * The application's own code: a customer-care service that tells an agent
 * where a subscriber is, from the home HLR's admin API.
 */
export class RoamingStatusService {
  constructor(private readonly hlrUrl: string) {}

  async statusOf(imsi: string): Promise<string> {
    const response = await fetch(`${this.hlrUrl}/admin/v1/subscribers/${imsi}`);
    if (response.status === 404) return 'unknown subscriber';
    if (!response.ok) throw new Error(`HLR answered ${response.status}`);
    const record = (await response.json()) as { roamingAllowed: boolean; servingVlr: { plmn: string } | null };
    if (!record.roamingAllowed) return 'roaming barred';
    return record.servingVlr ? `roaming in ${record.servingVlr.plmn}` : 'not registered';
  }
}
