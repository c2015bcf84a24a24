import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

const SAMPLES: Record<string, string> = {
  en: 'This is a short answer about the weather, and it should be easy to read.',
  de: 'Das ist ein schöner Tag und wir gehen heute in den Park.',
  es: 'Este es un día hermoso y vamos al parque con los niños.',
  pt: 'Este é um belo dia e nós vamos ao parque com as crianças.',
  fr: 'Est-ce que vous pouvez venir avec nous dans le parc pour la journée ?',
  it: 'Questo è un bel giorno e andiamo al parco con i bambini.',
  pl: 'To jest piękny dzień i idziemy do parku z dziećmi, ale jest zimno.',
  vi: 'Tôi là một giáo viên và tôi yêu công việc của mình.',
  sw: 'Mimi ni mwalimu na ninafundisha watoto katika shule ya msingi kwa sababu ni kazi nzuri.',
  fi: 'Tämä on kaunis päivä ja me menemme puistoon, mutta on kylmä.',
  ru: 'Это хороший день, и мы идём в парк, но уже очень холодно.',
  uk: 'Це гарний день, і ми йдемо в парк, але вже дуже холодно.',
  bg: 'Това е хубав ден и ние отиваме в парка, но вече е много студено.',
  hi: 'यह एक अच्छा दिन है और हम पार्क में जा रहे हैं।',
  mr: 'आज आम्ही बागेत जात आहोत आणि हे खूप छान आहे.',
  ne: 'यो राम्रो दिन हो र हामी पार्कमा जाँदैछौं भने पनि चिसो छ।',
  ar: 'هذا يوم جميل ونحن ذاهبون إلى الحديقة مع الأطفال.',
  fa: 'این یک روز خوب است و ما به پارک می رویم.',
  ur: 'یہ ایک اچھا دن ہے اور ہم پارک جا رہے ہیں۔',
  bn: 'আজ একটি সুন্দর দিন এবং আমরা পার্কে যাচ্ছি।',
  pa: 'ਅੱਜ ਇੱਕ ਸੁੰਦਰ ਦਿਨ ਹੈ ਅਤੇ ਅਸੀਂ ਪਾਰਕ ਜਾ ਰਹੇ ਹਾਂ।',
  gu: 'આજે એક સુંદર દિવસ છે અને અમે પાર્કમાં જઈ રહ્યા છીએ.',
  ta: 'இன்று ஒரு அழகான நாள், நாங்கள் பூங்காவுக்குச் செல்கிறோம்.',
  te: 'ఈ రోజు ఒక అందమైన రోజు మరియు మేము పార్కుకు వెళ్తున్నాము.',
  kn: 'ಇಂದು ಒಂದು ಸುಂದರ ದಿನ ಮತ್ತು ನಾವು ಉದ್ಯಾನಕ್ಕೆ ಹೋಗುತ್ತಿದ್ದೇವೆ.',
  ml: 'ഇന്ന് ഒരു മനോഹരമായ ദിവസമാണ്, ഞങ്ങൾ പാർക്കിലേക്ക് പോകുന്നു.',
  th: 'วันนี้เป็นวันที่สวยงามและเรากำลังไปสวนสาธารณะ',
  ko: '오늘은 아름다운 날이고 우리는 공원에 갑니다.',
  ja: '今日はいい天気なので、公園に行きます。',
  zh: '今天天气很好，我们去公园。',
  he: 'היום הוא יום יפה ואנחנו הולכים לפארק.',
};

describe('detectLanguage', () => {
  for (const [code, text] of Object.entries(SAMPLES)) {
    it(`detects ${code}`, () => expect(detectLanguage(text)).toBe(code));
  }

  it('detects English in capitals and the dominant language of mixed text', () => {
    expect(detectLanguage('THIS IS THE FINAL ANSWER TO THE QUESTION.')).toBe('en');
    expect(detectLanguage('यह एक अच्छा दिन है (a good day) और हम पार्क में जा रहे हैं।')).toBe('hi');
  });

  it('returns undefined when there are no letters', () => {
    expect(detectLanguage('12345 ... !!!')).toBeUndefined();
  });

  it('returns undefined for a few words with no evidence of any language (too short to tell)', () => {
    expect(detectLanguage('OK')).toBeUndefined();
    expect(detectLanguage('Paris, London, Rome')).toBeUndefined();
    expect(detectLanguage('HELLO WORLD')).toBeUndefined();
    // Evidence decides even when short; longer text without evidence still reads as English.
    expect(detectLanguage('the end')).toBe('en');
    expect(detectLanguage('Paris London Rome Berlin Madrid')).toBe('en');
  });
});
