/** The organisations module's server surface for other modules. */
export { addContactIn } from './commands/save-contact.ts';
export { organisationOfRecord } from './customer-record-store.ts';
