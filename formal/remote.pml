/*
 * The run engine of run.pml with the remote as separate refs and a second user pushing to it, checked with spin.
 *
 * One repo, one run: `flow feature finish f` as smctl plans it (src/Smctl.Core/Flow/Finish.cs) — merge feature/f
 * into develop, push develop, delete feature/f here, delete it on the remote. The user's smctl runs commands one
 * after another (start, continue, abort, undo, workspace sync) and may be killed at any point; the saved run state
 * lags any number of steps behind (RunStore.SaveSoon may skip any write), except where a step is SavedFirst
 * (pushes and deletions: RunExecutor saves durably before them) and right after a push (what went to the remote).
 * Meanwhile, at any moment, a teammate pushes a commit onto develop and pushes a branch of their own.
 *
 * A ref's value is the set of commits it holds (bits, as in flow.pml): a fast-forward from a to b is a ⊆ b.
 * Every remote ref remembers who wrote it last.
 *
 * Checked (spin -a, pan -m100000):
 *   - restore (abort, undo) never changes a remote ref the teammate wrote last: it changes only what the run
 *     pushed, leased against the value the run left there, and refuses the rest (abort then keeps the run);
 *   - a run stops only where the teammate's push makes it (develop moved on the remote), never on its own past:
 *     continue from a saved state any number of steps behind goes on to the end;
 *   - a completed run has merged, pushed and deleted; an abort that reported nothing left refs as before.
 *
 * -DBROKEN_RESTORE models the restore smctl had before issue 20: every remote-tracking ref that differs from the
 * snapshot is put back, leased against its just-fetched value (a sync after the teammate's push makes the lease
 * pass). -DBROKEN_MERGE the merge step it had: the source branch looked up before the done-check, and deletions
 * not saved first. Each must make spin find a violation (tests/Smctl.Tests/Formal).
 */

#define B 1                  /* the commit everyone started from */
#define F 2                  /* the feature's work */
#define M 4                  /* the merge of feature/f into develop */
#define T 8                  /* the teammate's commit on develop */
#define X 16                 /* the tip of the teammate's own branch */
#define FEATURE (B | F)
#define MERGED (B | F | M)

#define S 3                  /* steps: MERGE, PUSH develop and :feature/f, DELETE feature/f */
#define MAX_COMMANDS 5
#define MAX_CRASHES 2

mtype = { PENDING, DONE, FAILED };                               /* a step's status */
mtype = { NONE, RUNNING, INTERRUPTED, ABORTING, COMPLETED, UNDONE }; /* a run's phase */
mtype = { NOBODY, RUN, TEAMMATE };                               /* who last wrote a remote ref */

/* the repo */
byte dev = B, feat = FEATURE;                                    /* local branches */
byte tdev = B, tfeat = FEATURE, tteam = 0;                       /* remote-tracking refs, as of the last fetch */
/* the remote */
byte rdev = B, rfeat = FEATURE, rteam = 0;
mtype wdev = NOBODY, wfeat = NOBODY, wteam = NOBODY;

/* .smctl/state/run.json (and last-run.json once the run completed) */
bool runFile;
mtype runPhase = NONE;
mtype disk[S];
byte diskPushedDev;          /* what the run left on the remote's develop (0: nothing recorded) */
bool diskDeletedFeat;        /* the run deleted feature/f on the remote */
mtype lastPhase = NONE;

byte crashes;

inline mayCrash() {
  if
  :: crashes < MAX_CRASHES -> crashes++; goto killed
  :: true -> skip
  fi
}

inline save(phase) {
  d_step { runPhase = phase; i = 0; do :: i < S -> disk[i] = mem[i]; i++ :: else -> break od; i = 0;
           diskPushedDev = pushedDev; diskDeletedFeat = deletedFeat }
}

inline load() {
  d_step { i = 0; do :: i < S -> mem[i] = disk[i]; i++ :: else -> break od; i = 0;
           pushedDev = diskPushedDev; deletedFeat = diskDeletedFeat }
}

/* A step that may not run before the state says every step before it is done (Step.SavedFirst). */
inline savedFirst() {
#ifdef BROKEN_MERGE
  skip
#else
  save(RUNNING);
  mayCrash()
#endif
}

/* What went to the remote is on the disk before the next step (RunExecutor, after a push). */
inline savePushed() {
#ifdef BROKEN_MERGE
  if :: save(RUNNING) :: true -> skip fi
#else
  save(RUNNING)
#endif
}

/* One step, by its plan: each checks first whether its effect is already there. */
inline runStep() {
  teammateCaused = false;
  if
  :: step == 0 ->                                                 /* BranchMerge feature/f into develop */
#ifdef BROKEN_MERGE
     if
     :: feat == 0 -> stopped = true                               /* "cannot merge feature/f: it does not exist" */
     :: else -> if :: (dev & FEATURE) == FEATURE -> skip :: else -> dev = dev | feat | M fi
     fi
#else
     /* done when develop holds the commit feature/f had at the plan (FromCommit), gone or not */
     if
     :: (dev & FEATURE) == FEATURE -> skip
     :: else -> if :: feat == 0 -> stopped = true :: else -> dev = dev | feat | M fi   /* nothing to merge from */
     fi
#endif
  :: step == 1 ->                                                 /* RefsPush develop and :feature/f, each leased */
     savedFirst();
     atomic {
       if
       :: rdev == dev -> skip
       :: else ->
          if
          :: (rdev & dev) == rdev -> rdev = dev; wdev = RUN
          :: else -> stopped = true; teammateCaused = (wdev == TEAMMATE)   /* rejected: not a fast-forward */
          fi
       fi
     };
     if
     :: !stopped ->
        tdev = dev;
        mayCrash();                                               /* one ref of the push updated, not the other */
        atomic {
          if
          :: rfeat == 0 -> skip
          :: rfeat == FEATURE -> rfeat = 0; wfeat = RUN
          :: else -> stopped = true; teammateCaused = (wfeat == TEAMMATE)
          fi
        }
     :: else -> skip
     fi;
     if
     :: !stopped ->
        tfeat = 0;
        mayCrash();                                               /* pushed, not yet recorded */
        pushedDev = dev; deletedFeat = true; savePushed()
     :: else -> skip
     fi
  :: step == 2 ->                                                 /* BranchDelete feature/f */
     savedFirst();
     feat = 0
  fi
}

/* RunExecutor: the steps not recorded as done, in order; the state saved after some of them. */
inline execute() {
  save(RUNNING);
  mayCrash();
  step = 0;
  do
  :: step < S && mem[step] == DONE -> step++
  :: step < S && mem[step] != DONE ->
     stopped = false;
     runStep();
     if
     :: stopped ->
        /* the run stops only where the teammate made it stop, never on what it did itself before */
        assert(teammateCaused);
        mem[step] = FAILED;
        break
     :: else -> mem[step] = DONE
     fi;
     mayCrash();
     if :: save(RUNNING) :: true -> skip fi;                      /* SaveSoon: maybe now, maybe later */
     step++
  :: step == S -> break
  od;
  if
  :: step < S -> save(INTERRUPTED)
  :: else ->
     assert(feat == 0 && rfeat == 0 && (dev & MERGED) == MERGED && (rdev & dev) == dev);
     save(RUNNING);
     lastPhase = COMPLETED;
     mayCrash();
     runFile = false
  fi
}

/* RunRestore.RestoreAsync: the remote first, then the local branches. */
inline restore() {
  problems = 0;
#ifdef BROKEN_RESTORE
  /* every remote-tracking ref that differs from the snapshot, leased against the fetched value */
  atomic { if :: tdev != B -> if :: rdev == tdev -> assert(wdev != TEAMMATE); rdev = B; wdev = RUN; tdev = B :: else -> problems++ fi :: else -> skip fi };
  mayCrash();
  atomic { if :: tfeat != FEATURE -> if :: rfeat == tfeat -> assert(wfeat != TEAMMATE); rfeat = FEATURE; wfeat = RUN; tfeat = FEATURE :: else -> problems++ fi :: else -> skip fi };
  mayCrash();
  atomic { if :: tteam != 0 -> if :: rteam == tteam -> assert(wteam != TEAMMATE); rteam = 0; wteam = RUN; tteam = 0 :: else -> problems++ fi :: else -> skip fi };
#else
  /* only what the run pushed, recorded or in flight (the push step next on the disk, the remote holding develop) */
  left = diskPushedDev;
  if :: left == 0 && disk[0] == DONE && disk[1] != DONE && rdev == dev && dev != B -> left = dev :: else -> skip fi;
  atomic { if :: left != 0 && rdev != B -> if :: rdev == left -> assert(wdev != TEAMMATE); rdev = B; wdev = RUN; tdev = B :: else -> problems++ fi :: else -> skip fi };
  mayCrash();
  gone = diskDeletedFeat || (disk[0] == DONE && disk[1] != DONE && rfeat == 0);
  atomic { if :: gone && rfeat != FEATURE -> if :: rfeat == 0 -> assert(wfeat != TEAMMATE); rfeat = FEATURE; wfeat = RUN; tfeat = FEATURE :: else -> problems++ fi :: else -> skip fi };
#endif
  mayCrash();
  d_step { dev = B; feat = FEATURE }
}

/* A command is over (or its process died): nothing of it stays in memory, so equal states meet. */
inline forget() {
  d_step { i = 0; do :: i < S -> mem[i] = 0; i++ :: else -> break od; i = 0; step = 0; left = 0; problems = 0;
           pushedDev = 0; deletedFeat = false; stopped = false; teammateCaused = false; gone = false }
}

proctype Smctl() {
  byte commands, i, step, left, problems, pushedDev;
  bool deletedFeat, stopped, teammateCaused, gone;
  mtype mem[S];

next_command:
  do
  :: commands < MAX_COMMANDS ->
     commands++;
     if
     :: /* flow feature finish f: one run per search path; validation wants the repo as planned */
        !runFile && lastPhase == NONE && dev == B && feat == FEATURE ->
        d_step { i = 0; do :: i < S -> mem[i] = PENDING; i++ :: else -> break od; i = 0 };
        runFile = true;
        execute()
     :: /* continue */
        runFile && runPhase != ABORTING ->
        load();
        execute()
     :: /* abort: marked first, so only abort may go on; kept when something could not be put back */
        runFile ->
        load();
        save(ABORTING);
        mayCrash();
        restore();
        if
        :: problems == 0 ->
#if !defined(BROKEN_RESTORE) && !defined(BROKEN_MERGE)
           assert(rdev == B || wdev == TEAMMATE);
           assert(rfeat == FEATURE);
#endif
           runFile = false
        :: else -> skip
        fi
     :: /* undo the completed run */
        !runFile && lastPhase == COMPLETED ->
        restore();
        if :: problems == 0 -> lastPhase = UNDONE :: else -> skip fi
     :: /* workspace sync: fetch */
        d_step { tdev = rdev; tfeat = rfeat; tteam = rteam }
     fi;
     forget()
  :: else -> break
  od;
  goto done;

killed:
  forget();
  goto next_command;
done:
  skip
}

/* The teammate: a commit pushed onto develop, and a branch of their own, each at any moment. */
proctype Teammate() {
  if :: atomic { rdev = rdev | T; wdev = TEAMMATE } :: true -> skip fi;
  if :: atomic { rteam = X; wteam = TEAMMATE } :: true -> skip fi
}

init {
  atomic { run Smctl(); run Teammate() }
}
