/*
 * The run-state machine of smctl's multi-repo programs (src/Smctl.Core/Plans), checked with spin.
 *
 * Two smctl processes share one workspace. Each runs a few commands — start, continue, skip, abort,
 * undo — in any order, and may be killed at any point (a crash budget bounds the search). A run is R
 * repos of S steps each; a step may fail (a rejected push, a conflict), and every step first checks
 * whether its effect is already there (Step.cs). The run state on disk (.smctl/state/run.json) is a
 * whole-file atomic write of the in-memory state, made at the start, after some steps (RunStore.SaveSoon
 * lags behind: any write may be skipped) and at the end of every execution (Flush).
 *
 * Checked (spin -a, pan -m100000):
 *   - one process at a time holds the workspace lock (`inside`);
 *   - no step's effect is applied twice;
 *   - a run that completes has the effect of every step it records as done;
 *   - abort and undo leave every repo as it was before the run;
 *   - no invalid end state (no process waits forever).
 *
 * -DBROKEN_LOCK models the lock file protocol smctl used until 2026-12-01 (create the file, then write
 * the pid into it; a file whose pid is unreadable or dead is deleted and taken), -DBROKEN_ABORT an abort
 * that does not mark the run as aborting before it restores, -DBROKEN_STEPS steps that do not check
 * their effect first. Each must make spin find a violation (tests/Smctl.Tests/Formal).
 */

#define R 2                  /* repos */
#define S 2                  /* steps per repo */
#define N 4                  /* R * S: step i belongs to repo i / S */
#define MAX_COMMANDS 3       /* per process */
#define MAX_CRASHES 2        /* over the whole search path */
#define MAX_FAILURES 1       /* failed steps over the whole search path */
#define MAX_PIDS 8

mtype = { PENDING, DONE, FAILED, SKIPPED };                    /* a step's status */
mtype = { NONE, RUNNING, INTERRUPTED, ABORTING, COMPLETED, UNDONE }; /* a run's phase */

byte effect[N];              /* the repos: how often step i's effect was applied (0: as before the run) */

bool runFile;                /* .smctl/state/run.json exists */
mtype runPhase = NONE;
mtype disk[N];               /* the step statuses in run.json */
mtype lastPhase = NONE;      /* .smctl/state/last-run.json */

byte crashes;
byte failures;
byte inside;                 /* processes that believe they hold the lock */
byte nextPid = 1;

#ifdef BROKEN_LOCK
bool lockFile;               /* .smctl/state/lock exists */
byte lockContent;            /* the pid written into it, 0 while still empty */
bool alive[MAX_PIDS];
#else
byte holder;                 /* the flock on .smctl/state/lock: the kernel drops it when its process dies */
#endif

/* ---- the lock (RunStore.Lock) ---- */

inline takeLock() {
  ok = false;
#ifdef BROKEN_LOCK
  attempt = 0;
  do
  :: attempt < 2 ->
     attempt++;
     atomic { if :: !lockFile -> lockFile = true; lockContent = 0; created = true :: else -> created = false fi };
     if
     :: created -> lockContent = me; ok = true; break
     :: else ->
        seen = lockContent;
        if
        :: seen != 0 && alive[seen] && seen != me -> break      /* "another smctl is running" */
        :: else -> lockFile = false                              /* "left by a process that died" */
        fi
     fi
  :: else -> break
  od
#else
  atomic { if :: holder == 0 -> holder = me; ok = true :: else -> skip fi }
#endif
  if
  :: ok -> atomic { inside++; assert(inside == 1) }
  :: else -> skip
  fi
}

inline dropLock() {
  if
  :: ok ->
     atomic {
       inside--;
#ifdef BROKEN_LOCK
       lockFile = false;
#else
       holder = 0;
#endif
     };
     ok = false
  :: else -> skip
  fi
}

/* A kill: the process's memory is gone; a new process (a new pid) carries on with the next command. */
inline mayCrash() {
  if
  :: crashes < MAX_CRASHES -> crashes++; goto killed
  :: true -> skip
  fi
}

/* run.json rewritten as a whole from memory (AtomicFile: temp file + rename). */
inline writeRunFile(phase) {
  d_step { runPhase = phase; i = 0; do :: i < N -> disk[i] = mem[i]; i++ :: else -> break od; i = 0 }
}

inline readRunFile() {
  d_step { i = 0; do :: i < N -> mem[i] = disk[i]; i++ :: else -> break od; i = 0 }
}

/* The first step of repo r still to run (pending or failed), S when none. */
inline nextStep(r) {
  d_step { j = 0; do :: j < S && (mem[r * S + j] == DONE || mem[r * S + j] == SKIPPED) -> j++ :: else -> break od }
}

/* RunExecutor.ExecuteAsync: every repo's remaining steps in order, the repos interleaved. */
inline execute() {
  writeRunFile(RUNNING);
  mayCrash();
  failedRepos = 0;
  do
  :: true ->
     /* a lane: any repo that has a step left and has not failed in this execution */
     r = 0;
     do
     :: r < R -> nextStep(r); if :: j < S && !(failedRepos & (1 << r)) -> break :: else -> r++ fi
     :: else -> break
     od;
     if
     :: r == R -> break
     :: else -> skip
     fi;
     step = r * S + j;
#ifndef BROKEN_STEPS
     if
     :: effect[step] != 0 -> mem[step] = DONE                            /* already there: nothing to do */
     :: else ->
#endif
        if
        :: failures < MAX_FAILURES ->
           /* git reports an error: the change may have happened anyway (a push whose answer was lost) */
           failures++;
           if :: effect[step]++ :: true -> skip fi;
           mem[step] = FAILED;
           failedRepos = failedRepos | (1 << r)
        :: true -> effect[step]++; mem[step] = DONE
        fi;
        assert(effect[step] <= 1)
#ifndef BROKEN_STEPS
     fi;
#else
     ;
#endif
     mayCrash();
     if :: writeRunFile(RUNNING) :: true -> skip fi;                    /* SaveSoon: maybe now, maybe later */
     mayCrash()
  od;
  writeRunFile(RUNNING);                                                 /* Flush */
  mayCrash();
  if
  :: failedRepos != 0 -> writeRunFile(INTERRUPTED)
  :: else ->
     atomic {
       i = 0;
       do
       :: i < N -> assert(mem[i] != DONE || effect[i] == 1); i++
       :: else -> break
       od;
       i = 0;
       lastPhase = COMPLETED
     };
     mayCrash();
     runFile = false
  fi
}

/* RunRestore.RestoreAsync for every repo: back to the snapshot taken before the first step. */
inline restoreAll() {
  r = 0;
  do
  :: r < R -> atomic { j = 0; do :: j < S -> effect[r * S + j] = 0; j++ :: else -> break od; j = 0 }; mayCrash(); r++
  :: else -> break
  od;
  atomic { i = 0; do :: i < N -> assert(effect[i] == 0); i++ :: else -> break od; i = 0 }
}

/* A command is over (or its process died): nothing of it stays in memory, so equal states meet. */
inline forget() {
  d_step {
    i = 0; do :: i < N -> mem[i] = 0; i++ :: else -> break od;
    i = 0; j = 0; r = 0; step = 0; failedRepos = 0; attempt = 0; seen = 0; created = false
  }
}

proctype Smctl() {
  byte me, commands, i, j, r, step, failedRepos, attempt, seen;
  bool ok, created;
  mtype mem[N];

  me = nextPid; nextPid++;
#ifdef BROKEN_LOCK
  alive[me] = true;
#endif
next_command:
  do
  :: commands < MAX_COMMANDS ->
     commands++;
     takeLock();
     if
     :: !ok -> skip                                                      /* refused: nothing was changed */
     :: else ->
        if
        :: /* start (RunCommand): refused while a run waits; validation refuses repos not as the plan expects */
           !runFile && effect[0] == 0 && effect[1] == 0 && effect[2] == 0 && effect[3] == 0 ->
           atomic { i = 0; do :: i < N -> mem[i] = PENDING; i++ :: else -> break od; i = 0 };
           runFile = true;
           writeRunFile(RUNNING);
           mayCrash();
           execute()
        :: /* continue */
           runFile && runPhase != ABORTING ->
           readRunFile();
           execute()
        :: /* skip: the failed repos give up their remaining steps */
           runFile && runPhase != ABORTING ->
           readRunFile();
           r = 0;
           do
           :: r < R ->
              j = 0;
              if
              :: mem[r * S] == FAILED || mem[r * S + 1] == FAILED ->
                 do
                 :: j < S -> if :: mem[r * S + j] == PENDING || mem[r * S + j] == FAILED -> mem[r * S + j] = SKIPPED :: else -> skip fi; j++
                 :: else -> break
                 od
              :: else -> skip
              fi;
              r++
           :: else -> break
           od;
           execute()
        :: /* abort */
           runFile ->
#ifndef BROKEN_ABORT
           readRunFile();
           writeRunFile(ABORTING);                                       /* continue and skip refuse from now on */
           mayCrash();
#endif
           restoreAll();
           runFile = false
        :: /* undo: the last completed run, only when no run waits */
           !runFile && lastPhase == COMPLETED ->
           restoreAll();
           lastPhase = UNDONE
        :: else -> skip                                                  /* the command refuses */
        fi
     fi;
     dropLock();
     forget()
  :: else -> break
  od;
  goto done;

killed:
  atomic {
    if :: ok -> inside--; ok = false :: else -> skip fi;
#ifdef BROKEN_LOCK
    alive[me] = false;                                                   /* the lock file stays behind */
#else
    if :: holder == me -> holder = 0 :: else -> skip fi;                 /* the kernel drops the flock */
#endif
    me = nextPid; nextPid++;
#ifdef BROKEN_LOCK
    alive[me] = true
#endif
  };
  forget();
  goto next_command;
done:
  skip
}

init {
  atomic { run Smctl(); run Smctl() }
}
