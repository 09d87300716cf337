/** A Terraform interpolation, `${expr}`, spelled so it reads as one and not as a JS template slip. */
export const tf = (expr: string) => `\${${expr}}`;
