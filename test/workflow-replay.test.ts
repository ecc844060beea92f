// Workflows run for a year; a worker with new code must replay the histories of runs started by
// every earlier version. The fixtures are real histories recorded by test/record-histories.test.ts
// (v1: ladder timers cancelled on every wake; v2: timers left to run out, behind a patch; v3: a
// finding's opening recorded before any handler runs, behind a patch; v4: finding summaries carry
// their sequence, ladder timers fail with a cancelled workflow; v5: authority by department, the
// suggested-department signal, reopening; v6: the domain's state machine, events written by local
// activities from the Update's own task; v7: 退回交办, 移交, milestones' own ladder behind a patch, a
// plan's policy changed by signal, and a 批示's own workflow; v8: the ladder's own 督办单 started as a
// directive workflow when a measure reaches 督办, behind a patch; v9: the delivery lane and the daily
// digest workflows, new; the others unchanged; v10: the ladder's own 督办单 started by a local activity
// in the escalation's task instead of as a child workflow, behind a patch; v11: a command that leaves
// the pending ladder as it was does not wake the ladder loop, and a write with none in flight starts at
// once, behind a patch; v12: no behaviour change; v13: the patch set, one marker per new run for all the
// patches before it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { installWorkerLogging, workflowBundle } from '@duban/temporal';
import { workflowSourceHash } from './helpers/workflow-source';

const FIXTURES = path.join(__dirname, 'fixtures', 'histories');
jest.setTimeout(120_000);

const histories = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.binpb'))
  .sort();

describe('workflow replay', () => {
  beforeAll(() => installWorkerLogging());

  it('has recorded histories of every workflow type', () => {
    expect(histories).toEqual(expect.arrayContaining(['finding-v1.binpb', 'measure-v1.binpb', 'finding-v2.binpb', 'measure-v2.binpb', 'finding-v3.binpb', 'measure-v3.binpb', 'finding-v4.binpb', 'measure-v4.binpb', 'finding-v5.binpb', 'measure-v5.binpb', 'finding-v6.binpb', 'measure-v6.binpb', 'finding-v7.binpb', 'measure-v7.binpb', 'transfer-v7.binpb', 'directive-v7.binpb', 'ladder-notice-v8.binpb', 'measure-v8.binpb', 'measure-v9.binpb', 'lane-v9.binpb', 'digest-v9.binpb', 'ladder-notice-v10.binpb', 'measure-v10.binpb', 'ladder-notice-v11.binpb', 'measure-v11.binpb', 'finding-v11.binpb', 'measure-v12.binpb', 'finding-v12.binpb', 'measure-v13.binpb', 'finding-v13.binpb', 'ladder-notice-v13.binpb']));
  });

  it('has a recording of today’s workflow code', () => {
    // Changed workflows/ since the newest recording? Guard any change of behaviour with patched(),
    // then record it (keeping the old files): DUBAN_HISTORY_LABEL=v<next> npm run record:histories
    const recorded = fs.readFileSync(path.join(FIXTURES, 'workflows.sha256'), 'utf8').trim();
    expect({ workflowsHash: workflowSourceHash() }).toEqual({ workflowsHash: recorded });
  });

  // One replay worker, histories in file order: a v13 run (on the patch set) replays before the v2–v9
  // ones, which would fail if a run's patch-set decision (module state) leaked into the next run.
  it('replays every recorded history with today’s workflow code', async () => {
    const replayed: string[] = [];
    const results = Worker.runReplayHistories(
      workflowBundle(),
      histories.map((file) => ({
        workflowId: file,
        history: temporal.api.history.v1.History.decode(fs.readFileSync(path.join(FIXTURES, file))),
      })),
    );
    for await (const result of results) {
      expect({ history: result.workflowId, error: result.error?.message }).toEqual({ history: result.workflowId, error: undefined });
      replayed.push(result.workflowId);
    }
    expect(replayed.sort()).toEqual(histories);
  });
});
