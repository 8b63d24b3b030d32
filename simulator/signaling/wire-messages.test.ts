import { test, expect } from '@playwright/test';
import { realClock } from '../../core/clock.js';
import { recordStep, type SignalingMessage, type SignalingStep } from './signaling-step.js';
import { currentWireMessages, reportWireMessages } from './wire-messages.js';

const message = (name: string): SignalingMessage => ({
  name,
  from: 'vlr:208-01',
  to: 'hlr:262-01',
  startedAt: 0,
  durationMs: 0,
  result: 'ok',
  attachment: { name, contentType: 'application/json', body: '{}' },
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

// The ports here report what they put on the wire, as a Diameter client does once it is made.
test.beforeEach(() => reportWireMessages());

test('what a port reports while a transaction runs is that transaction’s messages, never another’s, and nothing after it ended', async () => {
  const steps: SignalingStep[] = [];
  let late: (() => void) | undefined;
  const port = async (id: string) => {
    currentWireMessages()?.add(message(`${id}-request`));
    await tick();
    currentWireMessages()?.add(message(`${id}-answer`));
    const log = currentWireMessages();
    late = () => log?.add(message(`${id}-late`));
    return id;
  };
  const [a, b] = await Promise.all(
    ['a', 'b'].map((id) => recordStep(steps, realClock, { name: `Step ${id}`, from: 'vlr:208-01', to: 'hlr:262-01' }, () => port(id))),
  );
  expect([a, b]).toEqual(['a', 'b']);
  late!();
  expect(Object.fromEntries(steps.map((s) => [s.name, s.messages?.map((m) => m.name)]))).toEqual({
    'Step a': ['a-request', 'a-answer'],
    'Step b': ['b-request', 'b-answer'],
  });
  expect(currentWireMessages()).toBeUndefined();
});

test('a failed transaction keeps its messages and its error; a transaction without any has no messages field', async () => {
  const steps: SignalingStep[] = [];
  const failing = recordStep(steps, realClock, { name: 'UpdateLocation', from: 'vlr:208-01', to: 'hlr:262-01' }, async () => {
    currentWireMessages()?.add({ ...message('ULA'), result: 'error', detail: 'DIAMETER_ERROR_USER_UNKNOWN (5001)' });
    throw Object.assign(new Error('unknown'), { rejectCause: 'IMSI_UNKNOWN' });
  });
  await expect(failing).rejects.toThrow('unknown');
  await recordStep(steps, realClock, { name: 'PurgeMS', from: 'vlr:208-01', to: 'hlr:262-01' }, async () => undefined);
  expect(steps[0]).toMatchObject({ result: 'error', detail: 'IMSI_UNKNOWN', messages: [{ name: 'ULA', result: 'error' }] });
  expect(steps[1]).not.toHaveProperty('messages');
});
