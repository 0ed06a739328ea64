/** The customer desk's import part of the app contract (requests), forwarded by the core to the hub (decision 0031). */
export const customerImportRequests = {};
