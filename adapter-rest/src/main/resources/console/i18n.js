// Every string the console shows, in English and Simplified Chinese. One object: a new string is a new key in both.
// Messages from the server (violations, errors) are shown as the server wrote them.

export const MESSAGES = {
  en: {
    'app.title': 'Vidu Gateway',
    'nav.submit': 'New video',
    'nav.tasks': 'Tasks',
    'nav.api': 'API',
    'lang.label': 'Language',
    'key.button': 'API key',
    'key.forget': 'Forget key',
    'key.title': 'This gateway needs an API key',
    'key.help': 'Enter one of the client keys configured in VIDU_API_KEYS. It is kept in this browser tab only (session storage) and sent as "Authorization: Bearer …".',
    'key.placeholder': 'your client key',
    'key.save': 'Use this key',
    'key.cancel': 'Cancel',
    'key.refused': 'The gateway refused this key.',
    'common.loading': 'Loading…',
    'common.error': 'Error: {message}',
    'common.network': 'The gateway cannot be reached ({message}).',
    'common.none': '—',
    'common.yes': 'yes',
    'common.no': 'no',
    'submit.title': 'Make a video from reference images',
    'submit.model': 'Model',
    'submit.images': 'Reference images',
    'submit.images.hint': 'Drop PNG, JPEG or WebP images here, or',
    'submit.images.pick': 'choose files',
    'submit.images.count': '{count} of {min}–{max} images',
    'submit.images.remove': 'Remove',
    'submit.prompt': 'Prompt',
    'submit.prompt.placeholder': 'Describe the video to make, e.g. "make it dance"',
    'submit.duration': 'Duration',
    'submit.seconds': '{n} s',
    'submit.resolution': 'Resolution',
    'submit.aspect_ratio': 'Aspect ratio',
    'submit.movement_amplitude': 'Movement amplitude',
    'submit.seed': 'Seed',
    'submit.seed.placeholder': 'random',
    'submit.bgm': 'Background music',
    'submit.default': '{value} (default)',
    'submit.check.waiting': 'Checking the request…',
    'submit.check.valid': 'The request is valid.',
    'submit.check.invalid': '{count} rule(s) broken: nothing will be sent until they are fixed.',
    'submit.check.other': 'Other problems',
    'submit.estimate': 'Estimate',
    'submit.cost': 'Cost',
    'submit.cost.value': '¥{value}',
    'submit.cost.unknown': 'not published',
    'submit.time': 'Typical generation time',
    'submit.basis': 'Basis',
    'submit.button': 'Submit',
    'submit.sending': 'Submitting…',
    'submit.failed': 'The gateway refused the request: {message}',
    'submit.empty': 'Add at least one reference image and a prompt.',
    'tasks.title': 'Tasks',
    'tasks.filter': 'Status',
    'tasks.filter.all': 'all',
    'tasks.refreshed': 'Updated {time}',
    'tasks.empty': 'No tasks yet.',
    'tasks.newer': '← Newer',
    'tasks.older': 'Older →',
    'tasks.first': 'Newest',
    'tasks.page': 'Page {n}',
    'col.task': 'Task',
    'col.submitted': 'Submitted',
    'col.model': 'Model',
    'col.prompt': 'Prompt',
    'col.video': 'Video',
    'col.status': 'Status',
    'col.progress': 'Progress',
    'progress.eta': 'about {time} left',
    'progress.overdue': 'taking longer than typical ({time})',
    'progress.done': 'took {time}',
    'task.title': 'Task {id}',
    'task.back': '← All tasks',
    'task.notFound': 'No such task for this key.',
    'task.status': 'Status',
    'task.submitted': 'Submitted',
    'task.finished': 'Finished',
    'task.elapsed': 'Elapsed',
    'task.error': 'Error',
    'task.parameters': 'Parameters',
    'task.images': 'Reference images',
    'task.images.count': '{count} image(s)',
    'task.images.local': 'Thumbnails of the images this browser sent (the API does not return a task\'s images).',
    'task.images.none': 'The API does not return a task\'s images; only their number is known.',
    'task.images.removed': 'The inline images were removed by retention on {time}.',
    'task.history': 'History',
    'task.history.note': 'States this page saw (the API reports the submit and finish times).',
    'task.history.submitted': 'submitted',
    'task.history.finished': 'finished',
    'task.video': 'Video',
    'task.video.waiting': 'The video will play here when the task has finished.',
    'task.video.loading': 'Loading the video…',
    'task.video.none': 'No stored video: {why}',
    'task.video.download': 'Download MP4',
    'task.video.size': '{size}, SHA-256 {sha}',
    'param.model': 'Model',
    'param.prompt': 'Prompt',
    'param.duration': 'Duration',
    'param.resolution': 'Resolution',
    'param.aspect_ratio': 'Aspect ratio',
    'param.images': 'Images',
    'status.Accepted': 'Accepted',
    'status.Submitting': 'Submitting',
    'status.OutcomeUnknown': 'Outcome unknown',
    'status.Pending': 'Pending',
    'status.Running': 'Running',
    'status.Success': 'Success',
    'status.Failure': 'Failure',
    'time.s': '{s} s',
    'time.ms': '{m} min {s} s',
    'time.h': '{h} h {m} min',
  },
  zh: {
    'app.title': 'Vidu 网关',
    'nav.submit': '新建视频',
    'nav.tasks': '任务',
    'nav.api': 'API',
    'lang.label': '语言',
    'key.button': 'API 密钥',
    'key.forget': '清除密钥',
    'key.title': '此网关需要 API 密钥',
    'key.help': '请输入 VIDU_API_KEYS 中配置的客户端密钥。密钥只保存在当前浏览器标签页中（会话存储），并以 “Authorization: Bearer …” 发送。',
    'key.placeholder': '你的客户端密钥',
    'key.save': '使用此密钥',
    'key.cancel': '取消',
    'key.refused': '网关拒绝了此密钥。',
    'common.loading': '加载中…',
    'common.error': '错误：{message}',
    'common.network': '无法连接网关（{message}）。',
    'common.none': '—',
    'common.yes': '是',
    'common.no': '否',
    'submit.title': '用参考图生成视频',
    'submit.model': '模型',
    'submit.images': '参考图',
    'submit.images.hint': '将 PNG、JPEG 或 WebP 图片拖到这里，或',
    'submit.images.pick': '选择文件',
    'submit.images.count': '已选 {count} 张（需 {min}–{max} 张）',
    'submit.images.remove': '移除',
    'submit.prompt': '提示词',
    'submit.prompt.placeholder': '描述要生成的视频，例如 “让它跳舞”',
    'submit.duration': '时长',
    'submit.seconds': '{n} 秒',
    'submit.resolution': '分辨率',
    'submit.aspect_ratio': '宽高比',
    'submit.movement_amplitude': '运动幅度',
    'submit.seed': '随机种子',
    'submit.seed.placeholder': '随机',
    'submit.bgm': '背景音乐',
    'submit.default': '{value}（默认）',
    'submit.check.waiting': '正在检查请求…',
    'submit.check.valid': '请求有效。',
    'submit.check.invalid': '有 {count} 条规则未满足：修正之前不会发送任何内容。',
    'submit.check.other': '其他问题',
    'submit.estimate': '预估',
    'submit.cost': '费用',
    'submit.cost.value': '¥{value}',
    'submit.cost.unknown': '未公布',
    'submit.time': '典型生成时间',
    'submit.basis': '依据',
    'submit.button': '提交',
    'submit.sending': '提交中…',
    'submit.failed': '网关拒绝了请求：{message}',
    'submit.empty': '请至少添加一张参考图并填写提示词。',
    'tasks.title': '任务',
    'tasks.filter': '状态',
    'tasks.filter.all': '全部',
    'tasks.refreshed': '更新于 {time}',
    'tasks.empty': '还没有任务。',
    'tasks.newer': '← 较新',
    'tasks.older': '较早 →',
    'tasks.first': '最新',
    'tasks.page': '第 {n} 页',
    'col.task': '任务',
    'col.submitted': '提交时间',
    'col.model': '模型',
    'col.prompt': '提示词',
    'col.video': '视频',
    'col.status': '状态',
    'col.progress': '进度',
    'progress.eta': '约剩 {time}',
    'progress.overdue': '比典型时间（{time}）更久',
    'progress.done': '用时 {time}',
    'task.title': '任务 {id}',
    'task.back': '← 全部任务',
    'task.notFound': '此密钥下没有这个任务。',
    'task.status': '状态',
    'task.submitted': '提交时间',
    'task.finished': '完成时间',
    'task.elapsed': '已用时间',
    'task.error': '错误',
    'task.parameters': '参数',
    'task.images': '参考图',
    'task.images.count': '{count} 张图片',
    'task.images.local': '本浏览器发送的图片缩略图（API 不返回任务的图片）。',
    'task.images.none': 'API 不返回任务的图片，只知道图片数量。',
    'task.images.removed': '内联图片已于 {time} 按保留策略删除。',
    'task.history': '历史',
    'task.history.note': '本页面观察到的状态（API 提供提交和完成时间）。',
    'task.history.submitted': '已提交',
    'task.history.finished': '已结束',
    'task.video': '视频',
    'task.video.waiting': '任务完成后视频将在此播放。',
    'task.video.loading': '正在加载视频…',
    'task.video.none': '没有已保存的视频：{why}',
    'task.video.download': '下载 MP4',
    'task.video.size': '{size}，SHA-256 {sha}',
    'param.model': '模型',
    'param.prompt': '提示词',
    'param.duration': '时长',
    'param.resolution': '分辨率',
    'param.aspect_ratio': '宽高比',
    'param.images': '图片',
    'status.Accepted': '已接受',
    'status.Submitting': '提交中',
    'status.OutcomeUnknown': '结果未知',
    'status.Pending': '排队中',
    'status.Running': '生成中',
    'status.Success': '成功',
    'status.Failure': '失败',
    'time.s': '{s} 秒',
    'time.ms': '{m} 分 {s} 秒',
    'time.h': '{h} 小时 {m} 分',
  },
};

export const LANGUAGES = { en: 'English', zh: '简体中文' };
const CHOSEN = 'vidu.lang';

/** The chosen language, else the browser's (zh for any Chinese locale), else English. */
export function initialLanguage() {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && MESSAGES[chosen]) return chosen;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (MESSAGES[base]) return base;
  }
  return 'en';
}

let current = 'en';

export function setLanguage(lang, remember) {
  current = MESSAGES[lang] ? lang : 'en';
  if (remember) localStorage.setItem(CHOSEN, current);
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

export function language() {
  return current;
}

/** The string for key in the current language, {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A duration in seconds, read the way people say it. */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.s', { s });
  if (s < 3600) return t('time.ms', { m: Math.floor(s / 60), s: s % 60 });
  return t('time.h', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function dateTime(unixSeconds) {
  if (unixSeconds == null) return t('common.none');
  return new Date(unixSeconds * 1000).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB');
}

/** A size in bytes, in binary units. */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
