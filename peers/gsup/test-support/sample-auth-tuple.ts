/** A UMTS auth tuple with a recognisable byte in each field, for codec and client tests. */
export const SAMPLE_AUTH_TUPLE = {
  rand: '11'.repeat(16),
  sres: '22'.repeat(4),
  kc: '33'.repeat(8),
  ik: '44'.repeat(16),
  ck: '55'.repeat(16),
  autn: '66'.repeat(16),
  res: '77'.repeat(8),
};
