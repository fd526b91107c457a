export type BatchRequest = { paths: Array<string>, folder: string, formats: Array<"pdf" | "docx">, overwrite: boolean, };
