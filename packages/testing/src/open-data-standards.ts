import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/*
 * Validation against the open-data standards' published schemas, vendored in packages/testing/standards: IATI
 * 2.03 with libxml2's XML Schema validator (xmllint compiled to WebAssembly, so no system package is needed), and
 * 360Giving 1.4 with Ajv (JSON Schema 2020-12, formats checked). Each returns the errors, empty when valid.
 */

const standards = path.resolve(__dirname, '..', 'standards');

export async function iatiErrors(xml: string): Promise<string[]> {
  const dir = path.join(standards, 'iati-2.03');
  const file = async (fileName: string) => ({
    fileName,
    contents: await readFile(path.join(dir, fileName), 'utf8'),
  });
  const result = await validateXML({
    xml: { fileName: 'activities.xml', contents: xml },
    schema: await file('iati-activities-schema.xsd'),
    preload: [await file('iati-common.xsd'), await file('xml.xsd')],
  });
  return result.errors.map((error) => error.rawMessage);
}

export async function threeSixtyGivingErrors(data: unknown): Promise<string[]> {
  const dir = path.join(standards, '360giving-1.4.3');
  const read = async (name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as object;
  // strict: false, because the schema carries 360Giving's own annotations (codelist, rollUp, ...);
  // validateSchema: false, because it names the 2020-12 meta-schema by its http:// address, which Ajv knows by https.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(await read('360-giving-schema.json'));
  const validate = ajv.compile(await read('360-giving-package-schema.json'));
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
