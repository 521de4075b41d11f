// Next's ambient types (CSS modules, images) for `tsc` in a fresh clone, before `next build`
// has generated the git-ignored next-env.d.ts.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
