/**
 * The few pieces of XML that TwiML needs, written as strings. The twilio SDK's builder
 * (xmlbuilder) builds a DOM per response and was 2-3% of the process's CPU per missed call; a
 * TwiML document is a handful of fixed elements, so writing them directly costs next to nothing.
 *
 * The escaping is the builder's, byte for byte, so the documents are the same as before (the tests
 * hold the SDK's output as the oracle): text escapes & < > and CR; attribute values (always in
 * double quotes) escape & < " and TAB, LF, CR, which an XML parser would otherwise normalise to
 * spaces. Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF)
 * throw, as the builder does for text: there is no way to escape them, and a document with them is
 * one the carrier refuses.
 */

/** The XML declaration the SDK writes before every response. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export type AttributeValue = string | number | boolean;

// The builder's own test for XML 1.0 characters (https://www.w3.org/TR/xml/#charsets).
const NOT_XML_10 = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/;

function assertXmlCharacters(value: string): void {
  const bad = NOT_XML_10.exec(value);
  if (bad) throw new Error(`Invalid character in string: ${JSON.stringify(value)} at index ${bad.index}`);
}

/** Character data: & < > and CR escaped. */
export function escapeXmlText(value: string): string {
  assertXmlCharacters(value);
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** A double-quoted attribute value: & < " and TAB, LF, CR escaped. */
export function escapeXmlAttribute(value: string): string {
  assertXmlCharacters(value);
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/**
 * One element: attributes in the order given, then `content` (already-written XML: child elements
 * or escaped text). Empty content makes a self-closing tag, as the builder writes it.
 */
export function xmlElement(name: string, attributes: Record<string, AttributeValue> | null, content = ''): string {
  let open = `<${name}`;
  if (attributes) for (const key in attributes) open += ` ${key}="${escapeXmlAttribute(String(attributes[key]))}"`;
  return content === '' ? `${open}/>` : `${open}>${content}</${name}>`;
}
