/**
 * Frequent function words of the languages the language detector tells apart within a shared script
 * (ISO 639-1 codes, as IFEval's `language:response_language` uses). Lists are space-separated and
 * lowercase; a word may appear under several languages.
 */
export const LATIN_PROFILES: Readonly<Record<string, string>> = {
  en:
    'the and of to a in is it that for on with as was are be this by not or have from at but an they ' +
    'you we he she his her their which will would can there has been were what when your all if more ' +
    'one about so do also than its into these them our who how should could may only other some such',
  es:
    'de la que el en y los las del se un una por con para es al lo como más pero sus su le ya o este ' +
    'sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante ' +
    'todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras',
  pt:
    'de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem ' +
    'à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois ' +
    'sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha',
  fr:
    'de la le et les des en un une du est que pour qui dans il pas au sur ne se ce plus par avec sont ' +
    'elle ou mais nous vous on leur aux son sa ses été cette être comme tout ils je y sans aussi bien ' +
    'fait peut où même entre donc lui très ces car avoir nos vos notre votre dont cela',
  de:
    'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden ' +
    'aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur ' +
    'oder aber vor zur bis mehr durch man sein wurde sei ich wir ihr ihre kann können wenn dieser diese',
  it:
    'di e il la che in un a per è non una del le si con della i lo dei gli al più da come ma sono anche ' +
    'nel alla ha delle sua suo questo essere o quando molto ci mi se tutto questa nella cui loro degli ' +
    'ed perché sul tra fra dalla dal così già stato hanno era fare ancora',
  pl:
    'i w nie na się z do to że jest o jak a co po ale od tak za być jego przez dla już tylko może są ' +
    'czy tym mnie też jednak który która które ich go ja ten ta był była było bardzo lub oraz kiedy ' +
    'gdy jeszcze także tego tej był jako więc',
  vi:
    'và của có là không được cho một những các trong người này đã với để khi cũng như đến từ thì ra ' +
    'về nhưng làm sẽ tôi bạn chúng rất nhiều nên vào hay còn phải theo lại đó năm sau',
  sw:
    'na ya wa kwa ni za katika la kuwa hii yake au pia lakini sana kama huo cha vya wake watu hiyo ' +
    'hata hivyo baada kutoka kila ili yao zao mimi wewe yeye sisi ninyi wao kwamba ambayo ambao',
  fi:
    'ja on ei se että oli hän ovat mutta kun niin myös joka tai jos sen kuin ole olla hänen mitä nyt ' +
    'vain ne tämä sitä mukaan voi tässä siitä jo vielä kanssa sekä minä sinä me te he ovat',
  nl:
    'de en van het een in is dat op te zijn met voor niet aan er om ook als bij door maar naar dan of ' +
    'wordt uit nog worden deze kan tot hebben hij zij wij ze was heeft wat zo geen meer',
  sv:
    'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så ' +
    'kan man när år säger hon under också efter eller nu sin där vid mot ska',
  tr:
    've bir bu da de için ile olarak çok daha en gibi ama ne o var mı mi değil sonra kadar olan ben ' +
    'sen biz onlar ise veya çünkü her şey',
  id:
    'yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke saya ada bisa kami mereka ' +
    'karena oleh sudah atau jika lebih seperti tersebut telah dapat',
};

export const CYRILLIC_PROFILES: Readonly<Record<string, string>> = {
  ru:
    'и в не на что он с как это по но из для все так то его к а же было от мы вы они она быть был ' +
    'только уже или еще если бы когда есть этот эти который которые может также очень',
  uk:
    'і в не на що він з як це по але до для все так то його а же було від ми ви вони вона бути був ' +
    'тільки вже або ще якщо б коли є цей ці який які може також дуже та у й',
  bg:
    'и в не на че той с като това по но от за всички така е да се са към ние вие те тя бъде беше ' +
    'само вече или още ако би когато има този тези който които може също много',
};

export const DEVANAGARI_PROFILES: Readonly<Record<string, string>> = {
  hi:
    'है हैं के की में और का को से यह नहीं था पर भी लिए कि एक हो थे थी वह इस किया जो तो कर करने ' +
    'गया रहा रहे होता होती जाता कुछ अपने उनके साथ बहुत',
  mr:
    'आहे आणि या व हे ते त्या आहेत मध्ये करून होते नाही पण म्हणून केले आपण ची चा चे ला ने तर ' +
    'होता होती असे एक काही त्यांनी करण्यात आली आले झाले',
  ne:
    'छ र हो मा यो गर्न पनि छन् थियो भएको गरेको लागि हुन्छ तथा रहेको हुने यस उनी छैन भने ' +
    'गरी गर्ने एक को ले बाट सँग थिए छु',
};

export const ARABIC_SCRIPT_PROFILES: Readonly<Record<string, string>> = {
  ar:
    'في من على إلى أن التي الذي هذا هذه عن مع كان ما لا كل هو هي قد ثم أو بين بعد عند كما ' +
    'ذلك لم لن هناك إن الى',
  fa:
    'و در به از که این را با است برای آن یک هم تا می شود بود کرد نیز یا اما هر ما او شده ' +
    'خود باید دارد کند ها های',
  ur:
    'ہے کے میں کی اور سے کا کو یہ نہیں تھا پر بھی لیے کہ ایک ہو تھے تھی وہ اس کیا جو تو ہیں گیا ' +
    'رہا ہوتا اپنے ساتھ بہت',
};

/** Letters that occur in one Arabic-script language and not (or rarely) the others. */
export const ARABIC_SCRIPT_LETTERS: Readonly<Record<string, string>> = {
  ar: 'ةىإأ',
  fa: 'پچژگکی',
  ur: 'ٹڈڑںےھۓ',
};

/** Letters that mark a Latin-script or Cyrillic language. */
export const MARKER_LETTERS: Readonly<Record<string, string>> = {
  vi: 'ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ',
  pl: 'ąęłńśźż',
  de: 'äöüß',
  pt: 'ãõ',
  es: 'ñ¿¡',
  fr: 'èêëœç',
  tr: 'ğış',
  uk: 'іїєґ',
  ru: 'ыэё',
};
