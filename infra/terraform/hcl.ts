/** A Terraform interpolation, `${expr}`, spelled so it reads as one and not as a JS template slip. */
export const tf = (expr: string) => `\${${expr}}`;
/** Terraform identifiers: letters, digits, underscores. */
export const tfId = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');
/** The Secret Manager id of an app secret the manifest mounts as `envName`. */
export const secretId = (envName: string) => envName.toLowerCase().replace(/_/g, '-');
