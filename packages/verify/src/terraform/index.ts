export {
  checkTerraformModule,
  checkTerraformModules,
  checkTerraformVersions,
  moduleFiles,
  terraformModuleChecks,
  type TerraformCheckOptions,
  type TerraformModuleCheck,
} from './conventions.ts';
export { docsBegin, docsEnd, docsSection, renderTerraformDocs, withTerraformDocs } from './docs.ts';
export {
  loadTerraformConfig,
  parseHclFile,
  type TerraformConfig,
  type TerraformModuleCall,
  type TerraformOutput,
  type TerraformVariable,
} from './parse.ts';
export { checkTerraformReferences, terraformReferenceChecks, type TerraformReferenceCheck } from './references.ts';
export { constraintBounds, isBounded, type ConstraintBounds } from './version-constraint.ts';
