/**
 * Mainland area codes (区号), written with their trunk 0: '010', '021', '0755'.
 * Two-digit codes (after the 0) are a closed set: Beijing 10 and the 2x cities (026 is unassigned).
 * Three-digit codes 0[3-9]xx are too many to list here, so any of that shape is accepted.
 */
const TWO_DIGIT_CODES = new Set(['010', '020', '021', '022', '023', '024', '025', '027', '028', '029']);
const THREE_DIGIT_CODE = /^0[3-9]\d\d$/;

/** The main cities, for display; a code missing here may still be valid. */
const MAIN_CITIES: ReadonlyMap<string, string> = new Map([
  ['010', '北京'],
  ['020', '广州'],
  ['021', '上海'],
  ['022', '天津'],
  ['023', '重庆'],
  ['024', '沈阳'],
  ['025', '南京'],
  ['027', '武汉'],
  ['028', '成都'],
  ['029', '西安'],
  ['0311', '石家庄'],
  ['0351', '太原'],
  ['0371', '郑州'],
  ['0411', '大连'],
  ['0431', '长春'],
  ['0451', '哈尔滨'],
  ['0471', '呼和浩特'],
  ['0510', '无锡'],
  ['0512', '苏州'],
  ['0531', '济南'],
  ['0532', '青岛'],
  ['0551', '合肥'],
  ['0571', '杭州'],
  ['0574', '宁波'],
  ['0591', '福州'],
  ['0592', '厦门'],
  ['0731', '长沙'],
  ['0744', '张家界'],
  ['0755', '深圳'],
  ['0756', '珠海'],
  ['0757', '佛山'],
  ['0760', '中山'],
  ['0769', '东莞'],
  ['0771', '南宁'],
  ['0791', '南昌'],
  ['0851', '贵阳'],
  ['0871', '昆明'],
  ['0891', '拉萨'],
  ['0898', '海口'],
  ['0931', '兰州'],
  ['0951', '银川'],
  ['0971', '西宁'],
  ['0991', '乌鲁木齐'],
]);

/**
 * The area code that starts a national landline number ('0' + area code + local number),
 * or undefined when its first digits cannot be an area code.
 */
export function areaCodeOf(national: string): string | undefined {
  const two = national.slice(0, 3);
  if (TWO_DIGIT_CODES.has(two)) return two;
  const three = national.slice(0, 4);
  return THREE_DIGIT_CODE.test(three) ? three : undefined;
}

/** True for exactly one area code with its trunk 0, e.g. '021' or '0755' (not '21', not '0210'). */
export function validAreaCode(code: string): boolean {
  return areaCodeOf(code) === code;
}

/** The city's name for the main cities, undefined for the rest. */
export function areaCodeCity(code: string): string | undefined {
  return MAIN_CITIES.get(code);
}
