/*
 * The git-flow branch model of `smctl flow` in one repo (src/Smctl.Core/Flow), checked with spin.
 *
 * A branch is the set of commits reachable from it (a bit per commit), so "merged" is "is a subset of"
 * and a merge is a union plus a new merge commit (--no-ff). A user does any sequence of feature, release
 * and hotfix starts, commits and finishes, and other work landing on develop. A finish is its run's
 * steps (Finish.cs): for a feature, merge into develop and delete; for a release or hotfix, merge into
 * main, tag main, merge the tag back into develop, delete. It may be killed after any step and continued
 * from any earlier step (the run state lags behind, RunStore.SaveSoon), so every step runs again
 * whenever it did not record itself.
 *
 * Checked (spin -a, pan -m100000):
 *   - a killed and continued finish makes the merges of an uninterrupted one, each exactly once;
 *   - a finished feature is in develop, and main is untouched by it;
 *   - a finished release or hotfix is in main, its tag is main as merged, and the tag is in develop;
 *   - whenever no finish is under way, develop contains main and every tag (nothing released is missing
 *     from develop), and main holds nothing that did not come through a release or hotfix.
 *
 * -DBROKEN_MERGE_CHECK: a merge step that does not first check whether it is already merged.
 * -DBROKEN_BACKMERGE: merging the release branch back into develop instead of the tag.
 * Each must make spin find a violation (tests/Smctl.Tests/Formal).
 */

#define MAX_COMMITS 9        /* commit ids 1..MAX_COMMITS; bit 0 is the root commit */
#define MAX_ACTIONS 7
#define MAX_KILLS 2

int main = 1, develop = 1;   /* the root commit is on both */
int feature, release, hotfix;
bool hasFeature, hasRelease, hasHotfix;
int tag[3];                  /* releases and hotfixes start while fewer than two are tagged: at most three tags */
byte tags;
byte commits;                /* commit ids handed out */
int released = 1;            /* commits that reached main through a release or hotfix (or the root) */
byte kills;

/* ---- the steps (idempotent: each first checks whether its effect is there) ---- */

inline commit(branch) {
  atomic { commits++; branch = branch | (1 << commits) }
}

/* BranchMerge --no-ff: nothing when `from` is already in `into` (a finish run again). */
inline merge(into, from) {
#ifndef BROKEN_MERGE_CHECK
  if
  :: (from & into) == from -> skip
  :: else ->
#endif
     atomic { commits++; into = into | from | (1 << commits); merges++; made = 1 << commits }
#ifndef BROKEN_MERGE_CHECK
  fi
#endif
}

/* ---- a finish as a run: steps 0..last, killed after any step, continued from any step not yet recorded ---- */

inline finishRelease(branch, has) {
  step = 0; merges = 0; mainMerge = 0;
  do
  :: step == 0 -> made = 0; merge(main, branch); mainMerge = mainMerge | made; step++
  :: step == 1 -> atomic { if :: tags > t -> skip :: else -> tag[t] = main; tags++ fi }; step++   /* TagCreate: nothing if the tag is there */
  :: step == 2 ->
#ifdef BROKEN_BACKMERGE
     merge(develop, branch);
#else
     merge(develop, tag[t]);
#endif
     step++
  :: step == 3 -> has = false; step++
  :: step == 4 -> break
  :: step > 0 && step < 4 && kills < MAX_KILLS ->
     /* killed: 'smctl continue' starts again at a step that may be before where it was */
     kills++;
     do :: step > 0 -> step-- :: true -> break od
  od;
  assert(merges <= 2);
  assert((branch & main) == branch);
  assert(tag[t] == (main & tag[t]) && (tag[t] & develop) == tag[t]);
  released = released | branch | mainMerge;
  branch = 0
}

inline finishFeature() {
  step = 0; merges = 0; before = main;
  do
  :: step == 0 -> merge(develop, feature); step++
  :: step == 1 -> hasFeature = false; step++
  :: step == 2 -> break
  :: step == 1 && kills < MAX_KILLS -> kills++; step = 0
  od;
  assert(merges <= 1);
  assert((feature & develop) == feature);
  assert(main == before);
  feature = 0
}

/* At rest: develop has main and every tag; main has only released commits. */
inline atRest() {
  assert((main & develop) == main);
  assert(tags < 1 || (tag[0] & develop) == tag[0]);
  assert(tags < 2 || (tag[1] & develop) == tag[1]);
  assert(tags < 3 || (tag[2] & develop) == tag[2]);
  assert((main & released) == main)
}

active proctype User() {
  byte actions, step, merges, t;
  int before, made, mainMerge;
  do
  :: actions < MAX_ACTIONS && commits + 2 <= MAX_COMMITS ->
     actions++;
     if
     :: commit(develop)                                          /* other work lands on develop */
     :: !hasFeature -> feature = develop; hasFeature = true      /* feature start */
     :: hasFeature -> commit(feature)
     :: hasFeature -> finishFeature()
     :: !hasRelease && tags < 2 -> release = develop; hasRelease = true   /* release start */
     :: hasRelease -> commit(release)                            /* the version bump, fixes */
     :: hasRelease -> t = tags; finishRelease(release, hasRelease)
     :: !hasHotfix && tags < 2 -> hotfix = main; hasHotfix = true          /* hotfix start */
     :: hasHotfix -> commit(hotfix)
     :: hasHotfix -> t = tags; finishRelease(hotfix, hasHotfix)
     fi;
     atRest();
     d_step { step = 0; merges = 0; t = 0; before = 0; made = 0; mainMerge = 0 }
  :: else -> break
  od
}
