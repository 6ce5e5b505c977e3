// Types for the side-effect import '@accord/react/styles.css': it has no exports. They let
// TypeScript (noUncheckedSideEffectImports) and attw resolve the subpath.
export {};
