/** English strings of the customer desk's import part; ru/customerImport.ts is typed against it through en.ts. */
export const customerImportEn = {
  title: 'Import customers',
};
