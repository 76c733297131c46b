/** A label in both of the UI's languages: Vietnamese first, English for the switch. */
export interface BilingualLabel {
  vi: string;
  en: string;
}
