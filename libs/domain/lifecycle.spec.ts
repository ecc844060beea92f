import { checkTransition, COMMAND_RULES, MEASURE_COMMANDS } from './lifecycle';

describe('measure lifecycle', () => {
  it('lets a department head assign an imported measure', () => {
    expect(checkTransition('imported', 'assign', 'department_head')).toEqual({ ok: true, next: 'assigned' });
  });

  it('refuses staff assigning, naming who may', () => {
    const result = checkTransition('imported', 'assign', 'staff');
    expect(result).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(!result.ok && result.message).toContain('处室负责人');
  });

  it('refuses approving a measure that is not under review, naming the state', () => {
    const result = checkTransition('in_progress', 'approve', 'department_head');
    expect(result).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(!result.ok && result.message).toContain('承办中');
  });

  it('keeps the state for commands without a target state', () => {
    expect(checkTransition('in_progress', 'reportProgress', 'staff')).toEqual({ ok: true, next: 'in_progress' });
  });

  it('allows nothing after completion but reopening it', () => {
    for (const command of MEASURE_COMMANDS.filter((c) => c !== 'reopen')) {
      const role = COMMAND_RULES[command].roles[0];
      expect(checkTransition('completed', command, role).ok).toBe(false);
    }
  });
});

describe('reopening', () => {
  it('is for leaders and admins, from completed or cancelled only', () => {
    expect(checkTransition('completed', 'reopen', 'leader').ok).toBe(true);
    expect(checkTransition('cancelled', 'reopen', 'admin').ok).toBe(true);
    expect(checkTransition('completed', 'reopen', 'department_head')).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(checkTransition('in_progress', 'reopen', 'leader')).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});
