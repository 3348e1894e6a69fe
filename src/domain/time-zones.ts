/**
 * A contact's likely time zone from their phone number, for quiet hours: state texting laws (and
 * the TCPA) count hours in the *recipient's* local time, and a caller's number is usually all
 * Textback knows about them. For the NANP (+1) the area code decides; elsewhere the country, mapped
 * to one representative zone. It is a guess (people keep their numbers when they move), so callers
 * use it only where no better information exists.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// US and Canadian geographic area codes by zone, as of 2025, including announced overlays. Where an
// area code spans zones the zone of most of its population wins (e.g. Florida's 850/448 panhandle
// is mostly Central; Indiana's 812 mostly Eastern; Tennessee's 931 Central; Idaho's 208 Mountain;
// BC's 250 Pacific; Ontario's 807 Eastern). Toll-free codes (800, 833 …), 555 and other
// non-geographic codes are absent on purpose: they say nothing about where the person is.
const NANP_BY_ZONE: Record<string, string> = {
  // Eastern
  'America/New_York':
    // CT DE DC FL GA
    '203 475 860 959 302 202 771 239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954 ' +
    '229 404 470 478 678 706 762 770 912 943 ' +
    // ME MD MA NH NJ
    '207 227 240 301 410 443 667 339 351 413 508 617 774 781 857 978 603 201 551 609 640 732 848 856 862 908 973 ' +
    // NY NC OH PA
    '212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934 ' +
    '252 336 472 704 743 828 910 919 980 984 216 220 234 283 326 330 380 419 436 440 513 567 614 740 937 ' +
    '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878 ' +
    // RI SC VT VA WV
    '401 803 821 839 843 854 864 802 276 434 540 571 686 703 757 804 826 948 304 681 ' +
    // TN (east)
    '423 729 865',
  'America/Detroit': '231 248 269 313 517 586 616 679 734 810 906 947 989',
  'America/Indiana/Indianapolis': '260 317 463 574 765 812 930',
  'America/Kentucky/Louisville': '502 606 859',
  // Central
  'America/Chicago':
    // AL AR FL(panhandle) IL IN(northwest) IA KS KY(west) LA
    '205 251 256 334 659 938 327 479 501 870 448 850 217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872 ' +
    '219 319 515 563 641 712 316 620 785 913 270 364 225 318 337 457 504 985 ' +
    // MN MS MO NE ND OK SD
    '218 320 507 612 651 763 924 952 228 601 662 769 235 314 417 557 573 636 660 816 975 308 402 531 701 ' +
    '405 539 572 580 918 605 ' +
    // TN(middle, west) TX WI
    '615 629 731 901 931 210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 ' +
    '936 940 945 956 972 979 262 274 353 414 534 608 715 920',
  // Mountain
  'America/Denver': '303 719 720 970 983 406 505 575 385 435 801 307 915',
  'America/Boise': '208 986',
  'America/Phoenix': '480 520 602 623 928',
  // Pacific
  'America/Los_Angeles':
    '209 213 279 310 323 341 350 357 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 738 747 ' +
    '760 805 818 820 831 840 858 909 916 925 949 951 702 725 775 458 503 541 971 206 253 360 425 509 564',
  'America/Anchorage': '907',
  'Pacific/Honolulu': '808',
  // US territories
  'America/Puerto_Rico': '787 939',
  'America/St_Thomas': '340',
  'Pacific/Guam': '671',
  'Pacific/Saipan': '670',
  'Pacific/Pago_Pago': '684',
  // Canada
  'America/Toronto':
    // ON QC
    '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942 ' +
    '263 354 367 418 438 450 468 514 579 581 819 873',
  'America/Winnipeg': '204 431 584',
  'America/Regina': '306 474 639',
  // AB; 867 (Yukon, NWT, Nunavut) is split, and Mountain time covers most of its people.
  'America/Edmonton': '368 403 587 780 825 867',
  'America/Vancouver': '236 250 257 604 672 778',
  'America/Halifax': '782 902',
  'America/Moncton': '428 506',
  'America/St_Johns': '709 879',
};

function buildAreaCodeTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [zone, codes] of Object.entries(NANP_BY_ZONE)) {
    for (const code of codes.split(/\s+/)) {
      if (code === '') continue;
      // A code listed twice is a mistake in the table above; fail loudly at load (and in tests).
      if (table.has(code)) throw new Error(`area code ${code} listed under ${table.get(code)} and ${zone}`);
      table.set(code, zone);
    }
  }
  return table;
}

/** NANP area code (3 digits) → IANA zone, for the US, its territories and Canada. */
export const NANP_AREA_CODE_ZONES: ReadonlyMap<string, string> = buildAreaCodeTable();

/**
 * Country (ISO 3166 alpha-2) → one representative IANA zone, for countries with one zone or one
 * dominant one. Countries spanning several zones map to their most populous (AU → Sydney,
 * BR → São Paulo, MX → Mexico City); US and CA are left out because the area code answers better,
 * and an unknown +1 area code should give no answer rather than a wrong one.
 */
export const COUNTRY_ZONES: Readonly<Record<string, string>> = Object.freeze({
  // NANP outside the US and Canada
  AG: 'America/Antigua',
  AI: 'America/Anguilla',
  AS: 'Pacific/Pago_Pago',
  BB: 'America/Barbados',
  BM: 'Atlantic/Bermuda',
  BS: 'America/Nassau',
  DM: 'America/Dominica',
  DO: 'America/Santo_Domingo',
  GD: 'America/Grenada',
  GU: 'Pacific/Guam',
  JM: 'America/Jamaica',
  KN: 'America/St_Kitts',
  KY: 'America/Cayman',
  LC: 'America/St_Lucia',
  MP: 'Pacific/Saipan',
  MS: 'America/Montserrat',
  PR: 'America/Puerto_Rico',
  SX: 'America/Lower_Princes',
  TC: 'America/Grand_Turk',
  TT: 'America/Port_of_Spain',
  VC: 'America/St_Vincent',
  VG: 'America/Tortola',
  VI: 'America/St_Thomas',
  // Europe
  GB: 'Europe/London',
  GG: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
  IE: 'Europe/Dublin',
  PT: 'Europe/Lisbon',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  BE: 'Europe/Brussels',
  NL: 'Europe/Amsterdam',
  LU: 'Europe/Luxembourg',
  DE: 'Europe/Berlin',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  IT: 'Europe/Rome',
  DK: 'Europe/Copenhagen',
  NO: 'Europe/Oslo',
  SE: 'Europe/Stockholm',
  FI: 'Europe/Helsinki',
  IS: 'Atlantic/Reykjavik',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  BG: 'Europe/Sofia',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  SI: 'Europe/Ljubljana',
  RS: 'Europe/Belgrade',
  UA: 'Europe/Kyiv',
  EE: 'Europe/Tallinn',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  MT: 'Europe/Malta',
  CY: 'Asia/Nicosia',
  TR: 'Europe/Istanbul',
  // Middle East and Africa
  IL: 'Asia/Jerusalem',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  QA: 'Asia/Qatar',
  EG: 'Africa/Cairo',
  MA: 'Africa/Casablanca',
  NG: 'Africa/Lagos',
  GH: 'Africa/Accra',
  KE: 'Africa/Nairobi',
  ZA: 'Africa/Johannesburg',
  // Asia and Oceania
  IN: 'Asia/Kolkata',
  PK: 'Asia/Karachi',
  BD: 'Asia/Dhaka',
  LK: 'Asia/Colombo',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  TW: 'Asia/Taipei',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  SG: 'Asia/Singapore',
  MY: 'Asia/Kuala_Lumpur',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  PH: 'Asia/Manila',
  ID: 'Asia/Jakarta',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  // Latin America
  MX: 'America/Mexico_City',
  GT: 'America/Guatemala',
  SV: 'America/El_Salvador',
  HN: 'America/Tegucigalpa',
  NI: 'America/Managua',
  CR: 'America/Costa_Rica',
  PA: 'America/Panama',
  CO: 'America/Bogota',
  VE: 'America/Caracas',
  EC: 'America/Guayaquil',
  PE: 'America/Lima',
  BO: 'America/La_Paz',
  CL: 'America/Santiago',
  AR: 'America/Argentina/Buenos_Aires',
  UY: 'America/Montevideo',
  PY: 'America/Asuncion',
  BR: 'America/Sao_Paulo',
});

/**
 * The IANA zone a phone number most likely belongs to, or undefined when it cannot be told
 * (fictional 555 numbers, toll-free, unknown area codes, countries not in COUNTRY_ZONES, input
 * that is not a number). `e164` should already be normalised.
 */
export function timeZoneForPhone(e164: string): string | undefined {
  if (typeof e164 !== 'string') return undefined;
  const parsed = parsePhoneNumberFromString(e164.trim());
  if (!parsed) return undefined;
  if (parsed.countryCallingCode === '1') {
    const zone = NANP_AREA_CODE_ZONES.get(parsed.nationalNumber.slice(0, 3));
    if (zone) return zone;
  }
  const country = parsed.country;
  // libphonenumber knows the country of a +1 number from its area code (876 → JM); US and CA are
  // not in COUNTRY_ZONES, so an unlisted US area code still yields undefined.
  return country ? COUNTRY_ZONES[country] : undefined;
}
