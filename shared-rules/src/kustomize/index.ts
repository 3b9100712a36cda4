export { buildKustomization, contentHash, isNamespaced, LIMITS } from './build';
export { emitBuild, emitBuildWithSourceMap } from './emit';
export { memoryFiles, type BuildFiles } from './files';
export type { KMap, KNode, KScalar, KSeq, Origin, OriginCause } from './node';
export { toJS } from './node';
export type { BuildIssue, BuildResult, BuiltResource } from './types';
