import { describe, expect, it } from "vitest";
import { isHandoffRequest, matchesRequestPhrasing, speaksOfContact } from "../../src/knowledge/intent.js";

describe("isHandoffRequest", () => {
  it.each([
    "ich will einen Menschen",
    "Könnte sich eine Beraterin per E-Mail bei mir melden?",
    "get me a human",
    "could a caseworker email me",
    "дайте мені консультанта",
    "أحتاج مستشار",
    "Verbinden Sie mich bitte mit der Integrationsstelle",
    "Können Sie meine Frage an einen Kollegen weitergeben?",
    "Gibt es jemanden, den ich anrufen kann?",
    "Geben Sie mir bitte die Durchwahl eines Ansprechpartners",
    "Ich möchte einen Termin für eine Beratung vereinbaren",
    "please have a navigator get in touch",
    "can you forward my question to a human",
    "let me talk to your colleague",
    "is there a phone number I can call",
    "Чи може хтось зі мною зв'язатися?",
    "Я хочу записатися на консультацію",
    "أريد موعد استشارة",
    "هل يوجد رقم هاتف للتواصل مع موظف؟",
    "ممكن أحكي مع حدا؟",
    "Wen kann ich bei Ihnen direkt anrufen?",
    "Geht das auch im persönlichen Gespräch?",
    "Mit wem kann ich darüber sprechen?",
    "can I get a call from one of your staff",
    "Who can I talk to about this?",
    "Telefonnummer von einem Ansprechpartner bei euch?",
    "Nummer von einer Lotsin?",
    "phone number of an adviser please",
    "ما هو رقم هاتف شخص مسؤول عندكم؟",
    "Gibt es jemanden bei Ihnen, mit dem ich einen Termin vor Ort machen kann?",
    "Können Sie meine Anfrage an eine Kollegin oder einen Kollegen weitergeben?",
    "Mit wem kann ich direkt sprechen?",
    "Gibt es eine Möglichkeit, dass mich ein Mitarbeiter anruft?",
    "Хочу особисто обговорити їхню ситуацію з вашим співробітником.",
    "هل يوجد شخص يتكلم العربية يمكنني التحدث معه؟",
    "Gibt es bei Ihnen jemanden, mit dem ich einen Termin machen kann?",
    "Ich will mit Frau oder Mann vom Jobcenter sprechen.",
    "Der Chat hilft mir nicht weiter.",
    "Wir vom Betriebsrat hätten gern ein persönliches Gespräch mit Ihrem Team, geht das?",
    "Kann sich mal ein Lotse bei unserer Kirchengemeinde melden?",
    "I'd rather discuss our case with someone from your team directly.",
    "هل يمكنني أن أحجز موعدًا مع مستشار لأتحدث عن وضعي؟",
    // Meetings, a reply from a person, a transfer (the ways of asking of blind batch 18).
    "Können wir einen Termin bei uns im Betrieb machen?",
    "Könnten wir ein kurzes Kennenlerngespräch vereinbaren?",
    "Ich hätte gern den Integrationsberater gesprochen.",
    "Could somebody explain this to me face to face?",
    "Would you be able to reply by email, from an actual staff member?",
    "I'd like to arrange a call with them this week.",
    "Чи могли б ви приїхати до нас на фірму і все пояснити на місці?",
    "Дайте, будь ласка, контакт вашого консультанта, хочу домовитися про зустріч з вами.",
    "أرجو أن يصلني الرد من موظف مختص وليس رداً آلياً",
    "ممكن تحولوني لموظف بيحكي عربي؟",
    "بدي موعد بالمكتب مع حدا من فريقكم",
    // Blind batch 19: hidden, broken, voice-typed, in dialects.
    "ja hallo hier ist die bäckerei wir hätten gern dass einer von ihren leuten mal bei uns vorbeikommt",
    "Wäre jemand aus Ihrem Lotsenteam bereit, bei unserer Infoveranstaltung einen kurzen Input zu geben?",
    "Wäre es denkbar, dass eine Lotsin mal bei unserem Helferkreis-Treffen dazukommt?",
    "Über einen Anruf würde ich mich sehr freuen.",
    "Ich hätte zwei Bewerber, über die ich gern kurz vor Ort mit Ihnen sprechen würde.",
    "Gibt es die Möglichkeit für einen Videocall mit einem Lotsen?",
    "ich brauche sprechen mit frau von jobcenter die hilft firma",
    "bitte ich will termin mit ihre kollege machen für fragen",
    "please i want meet the man who help",
    "would love to have a chat with you there about two candidates",
    "Following up on my call with your colleague – could I continue with her directly?",
    "Hey, any chance of a quick sync?",
    "I would appreciate it if a member of your staff could visit our site.",
    "I'd rather talk than type",
    "Could you pass this on to the navigator who handled our case and ask her to get in touch?",
    "а у вас є хтось хто говорить українською? хочу по телефону все пояснити",
    "Можна зробити відеодзвінок з кимось із вашого відділу?",
    "Хто з ваших працівників міг би розібрати її разом зі мною?",
    "Чи може ваш лоцман приїхати до нас на підприємство?",
    "Чи може мені хтось з ваших просто подзвонити?",
    "بدي احكي مع بني آدم مو مع روبوت",
    "اريد احجي ويه واحد من الموظفين",
    "فيني اعمل مكالمة فيديو مع حدا من الفريق؟",
    "ياريت حد من الموظفين يبعتلي إيميل",
    "خلّي الموظف المسؤول يرجعلي خبر عالتلفون",
    "Das bringt mir alles nix. Gibts da niemanden, den ich anrufen kann?",
    "Ich glaube, das muss ich mal mit einem Profi von Ihnen besprechen statt hier zu tippen.",
    "Honestly, at this point I just want to sit down with one of your people and go through it.",
    "بدي موعد بالمكتب مع المسؤول عندكن عن أصحاب الشغل",
    // Blind batch 20, missed by the patterns of batch 19.
    "Herr vom Jobcenter bitte",
    "Sehr geehrte Damen und Herren, wir ersuchen um ein Beratungsgespräch für unseren Verein. Wir betreuen derzeit zwölf Geflüchtete.",
    "Ich möchte kontaktiert werden.",
    "Ich warte seit zwei Wochen auf Antwort wegen EGZ. Können Sie veranlassen, dass sich der Arbeitgeberservice bei mir meldet?",
    "Would it be possible for somebody to visit our workshop and explain the options to us?",
    "Can you put me through to whoever looks after employers?",
    "Передайте, будь ласка, моє питання комусь із працівників Jobcenter.",
    "Хочу, щоб зі мною зв'язався консультант. Дякую.",
    "Мені потрібна зустріч із працівником у Haus der Integration, коли це можливо?",
    "Зворотний дзвінок?",
    "أنا صاحب مطعم وأريد تشغيل شاب سوري لديه إقامة. ما الأوراق المطلوبة؟ وأفضّل أن أناقش الموضوع مع موظف مختص.",
    "بغيت نهضر مع شي واحد من الخدامة ديالكم",
    "ممكن أحد من فريق zebera يرد علي بالإيميل؟",
    // Blind batches 35 and 36.
    "Welche Lotsin ist für Handwerksbetriebe zuständig und wie erreiche ich sie direkt?",
    "Gibt es eine Durchwahl zu den Lotsen? Ich will nicht jedes Mal über die Zentrale gehen.",
    "Ist das hier nur ein Automat oder sitzt da auch wer?",
    "Terminanfrage: Beratung zur Einstellung einer Person mit Aufenthaltsgestattung. Wann hätten Sie Zeit?",
    "Mir wäre es lieber, wenn das jemand mit Erfahrung prüft. Können Sie jemanden dazuholen?",
    "Wo finde ich meinen persönlichen Ansprechpartner bei den Lotsen und wie komm ich an den ran?",
    "kann ich mit ihnen treffen in haus der integration? ich will mein problem erzahlen",
    "Хтось там є? Відповідайте, будь ласка",
    "Я хочу, щоб мою справу передали конкретній людині у вас, яка буде нею займатися.",
    "Шановні пані та панове, прошу призначити мені консультацію щодо визнання мого диплома медсестри. З повагою, Олена",
    "واش كاين شي واحد تما؟",
    "ممكن حد منكم يبعتلي إيميل ويشرحلي الموضوع ده؟",
    "3ayez a3mel maw3ed ma3 wa7ed men el Lotsen",
    // Blind batches 37 to 39.
    "der bot bringt mir nix. gibts da auch wen zum reden?",
    "Mein Anliegen ist etwas speziell – ich hätte es lieber, wenn sich ein Mitarbeiter vom Jobcenter das anschaut. Übergabe bitte.",
    "Könnt ihr den Fall an eure Kollegen geben? Es geht um unseren Koch, seine Duldung läuft Freitag ab und die ABH reagiert nicht auf Mails.",
    "Could one of the navigators get in touch with our volunteer group? We'd love a short intro session for our members.",
    "Can I book a slot with you?",
    "я волонтерка, можна особисто зустрітися з навігатором в Haus der Integration щодо однієї сім'ї?",
    "أرجو تحويل استفساري إلى أحد الموظفين المختصين",
    "أريد موعد ويا واحد من اللوتسن بالـ Haus der Integration",
  ])("recognises %s", (q) => expect(isHandoffRequest(q)).toBe(true));

  // Blind batches 40 to 42: each missed by the engine of d634011, all by the phrasings alone now.
  it.each([
    "Wir ersuchen um Zuweisung einer festen Ansprechpartnerin für unser Unternehmen im Rahmen des Job-Turbos.",
    "Wir sind eine Moscheegemeinde und würden Sie gern einladen, unseren Mitgliedern das Angebot des Jobcenters vorzustellen.",
    "Hätte jemand aus Ihrem Team Lust, dort kurz vorzustellen was Sie machen?",
    "Können wir kurz ein Meeting scheduln? Brauche ein Follow-up zu unserem Onboarding von zwei Geflüchteten.",
    "Hallo, wir sind eine Flüchtlingsinitiative in Elberfeld und würden gern mal mit Ihnen ins Gespräch kommen. Wann passt es Ihnen?",
    "Können wir uns mal auf nen Kaffee treffen und das in Ruhe durchgehen?",
    "Online-Termin möglich? Ich sitze in Solingen und komme schlecht nach Wuppertal rein.",
    "Ich würde mir gern persönlich erklären lassen, was die Wohnsitzauflage für unseren neuen Azubi bedeutet. Geht das?",
    "Gibts bei euch sowas wie eine Hotline? dann bitte direkt durchstellen",
    "Bot aus. Mensch an.",
    "bot, stop, human!",
    "I'd like an appointment.",
    "Dear zebera team, following the chamber's recommendation, we kindly request a meeting to discuss the partial recognition of a Syrian electrician's qualification.",
    "My boss wants to meet you guys. Can you set something up?",
    "Can we hop on a quick Teams call sometime this week? Happy to send an invite.",
    "Could you assign us a navigator? We're a hotel group and plan to hire on a regular basis.",
    "I need someone to check whether this Fiktionsbescheinigung is ok. Can I send it to one of you?",
    "Would you be willing to speak at our association's annual meeting about the Job-Turbo?",
    "I'm stuck. Could a human take over this chat?",
    "pozvonite mne pozhalujsta, ja ne ponimaju chto pisat v Antrag",
    "aku wa7ed yekdar y7chi wiyaya? ma da afham shi",
    "law sama7to, a7taj mukalama video ma3 mowazaf w motarjem",
    "Можете написати мені у вайбер або в WhatsApp? Мені так легше ніж тут в чаті",
    "Тут є людина взагалі? Чи тільки робот відповідає?",
    "Моя дочка може перекладати, можна ми разом прийдемо до вас на розмову?",
    "Мені треба консультація з живим спеціалістом щодо визнання диплому медсестри. Можна?",
    "Пожалуйста, пусть кто-нибудь из вашей команды свяжется со мной или с моим шефом.",
    "Питання складне, тому прошу одразу: передайте нашу ситуацію людині, не боту.",
    "فيني اجي لعندكن عالمكتب بهاوس دير انتغراتسيون واحكي مع اللوتسه؟",
    "بدي موعد مع الناڤيغيتور ومعي مترجم عربي، لأن ألماني تبعي ضعيف",
    "خلص ما بدي جواب من الشات، بدي موظف يتابع حالتي بنفسه",
    "عطني رقم موظف أكلمه مباشرة، ما أبي بوت",
    "بالله لو في زول من فريقكم يقدر يقعد معاي ويشوف أوراقي",
    "هو أنا ممكن أحجز ميعاد عندكم في المكتب؟",
    "الله يخليكم خلي واحد من اللوتسن يتصل بيه",
    "Können wir mal nen kurzen Call machen? Bin Inhaber einer Gebäudereinigung und will 5 Leute einstellen.",
    "P.S. Wäre es möglich, dass uns ein Lotse dazu kurz anruft? Unsere Buchhaltung hat noch einige Detailfragen.",
    "P.S. Could a navigator give me a quick call?",
    "الموضوع: طلب موعد",
    "هل يمكنني مقابلة أحد منكم شخصياً في Haus der Integration؟",
    "ok and who do I call about this at your place?",
    // Dari/Farsi and Turkish, languages of many of the refugees the navigators advise.
    "میخواهم با یک مشاور صحبت کنم",
    "لطفا با من تماس بگیرید، آلمانی من خوب نیست",
    "Bir danışmanla konuşmak istiyorum, lütfen.",
    "Beni arayın lütfen, Almancam iyi değil.",
    "I'm a volunteer with a refugee family, long story, the answers don't really fit – can I just phone one of your people?",
  ])("recognises by its phrasing %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));

  // Blind batches 47 to 50: someone of yours to look at our papers or case, the Lotsen coming to us,
  // a person to meet in person, in Ukrainian, Russian, Arabic, Farsi, Turkish, Kurmanji and Arabizi.
  it.each([
    "Könnte sich jemand die Unterlagen von unserem Bewerber anschauen? Wir sind unsicher, ob er arbeiten darf.",
    "Kann einer Ihrer Kollegen mal auf unseren Fall gucken? Beschäftigungserlaubnis seit 10 Wochen beantragt, keine Antwort.",
    "Ich habe die Duldung und den Arbeitsvertrag hier. Wo kann ich das abgeben, damit sich das jemand anschaut?",
    "Könnten die Lotsen mal zu uns in den Betrieb kommen? Unsere Mitarbeiter haben viele Fragen.",
    "Could someone check my employee's documents and tell us whether he is allowed to start?",
    "I'd appreciate it if a staff member could look into our application, it's been 8 weeks",
    "I want my case to be passed on to your staff.",
    "I am syrian, sorry for my english. I need help from human, my boss say I can not work anymore because of paper",
    "хочу щоб хтось з ваших перевірив мої документи на визнання диплома перед тим як я їх відправлю",
    "в середу о 10 можу прийти в хаус дер інтеграціон, хтось з вас мене прийме?",
    "мне нужна консультация лично, не в чате. кто может меня принять?",
    "мені краще дзвінок ніж чат, бо пишу повільно",
    "передайте пожалуйста мой вопрос специалисту, я работодатель",
    "dobryi den, mozhna zapysatysia na zustrich z lotsenamy?",
    "يا اخوي داير زول يشوف لي ورقي ويفهمني، الكلام ده كلو ما فاهمو",
    "سويتلي كل هالشرح وما فهمت شي، اريد موظف يشرحلي",
    "اكدر اجي للوتسن باجر؟ اريد احجي وياهم وجه لوجه مو بالشات",
    "نحنا جمعية وبدنا نلتقي مع اللوتسن نعرفهم على مشروعنا",
    "5alas ya zalame ma bade robot, wasselni ma3 mwazzaf",
    "کسی میتواند مدارک مرا ببیند؟ نمیدانم اجازه کار دارم یا نه",
    "این جوابها به درد من نمیخورد، لطفا وصلم کنید به یک کارمند",
    "امکانش هست حضوری بیام پیش لوتسن ها؟",
    "Firmamız için Lotsen ile yüz yüze bir toplantı ayarlayabilir miyiz?",
    "Ez dixwazim bi kesekî rastîn re biaxivim, ne bi robotê",
  ])("recognises by its phrasing (blind batches 47 to 50) %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));

  // A person or a machine, asked in any language; a phone number or an e-mail address left in the chat.
  it.each([
    "ви бот чи людина?",
    "це мені штучний інтелект відповідає чи хтось з працівників?",
    "انت انسان لو ذكاء اصطناعي؟",
    "هو انا بكلم بني ادم دلوقتي ولا بوت؟",
    "آیا شما آدم هستید یا ربات؟",
    "sen gercek insan misin yoksa yapay zeka mi",
    "schreibe ich hier mit den lotsen persoenlich oder ist das ein automatisches programm?",
    "momken 7ad men el lotsen yeb3atli 3al whatsapp? raqami 0157 33445566",
    "Beni telefonla arayabilir misiniz? Türkçe konuşan biri varsa daha iyi olur. 0162 9988776",
    "تکایە یەکێک لە لۆتسەنەکان پەیوەندیم پێوە بکات، ژمارەم 0176 4433221",
    "нехай мені хтось напише на пошту olga.kovalenko@gmx.de, дякую",
  ])("recognises without the person model %s", (q) => {
    expect(isHandoffRequest(q)).toBe(true);
  });
  it.each([
    // No person named: small talk (the dev set's convention since blind batch 15).
    "Ist das hier ein Bot?",
    "Is this an AI?",
    // Whether it costs something, asked about the Lotsen.
    "консультація у лотсенів платна?",
    "are the navigators free of charge for companies or do they bill us?",
    "Can I simply call the Lotsen or do I need to book an appointment first?",
    // "A letter reached me" is not "put me through".
    "وصلني بريد من غرفة الحرف يقول إن شهادتي معادلة جزئياً فقط وفيه نواقص، كيف أكمل هذه النواقص وماذا بعد ذلك؟",
    // A person and a machine in one question that is about neither answering.
    "Mitarbeiter hatte einen Arbeitsunfall an der Maschine – wie melde ich das der Berufsgenossenschaft?",
    "asyl abgelehnt – darf mein mitarbeiter erstmal weiterarbeiten oder ist der job automatisch weg?",
    // An office's own address, an IBAN, a date: no contact left.
    "Ist zebera@jobcenter-wuppertal.de noch die richtige Adresse für Anträge?",
    "Meine IBAN DE89 3704 0044 0532 0130 00 hat sich geändert, wo melde ich das?",
    "Die Duldung läuft am 01.03.2027 ab – darf er bis dahin arbeiten?",
    "Muss jemand von der Ausländerbehörde die Unterlagen prüfen, bevor er anfängt?",
  ])("does not take %s for a request for a person (blind batches 47 to 50)", (q) => expect(isHandoffRequest(q)).toBe(false));

  // Blind batches 51 to 54: a case or file passed on, a call with us, escalation, a colleague to look
  // into it, a meeting with the navigators, Russian, Ukrainian, Arabic and Farsi in Latin letters.
  it.each([
    "Könnten Sie meinen Fall an einen Mitarbeiter weitergeben?",
    "Handwerkskammer hier, können wir mal telefonieren?",
    "escalate to staff pls",
    "Can your colleagues look into our case? The permit has been pending for 12 weeks.",
    "We would like a meeting with the navigators about our apprenticeship programme.",
    "Beni arar mısınız? Almanca zor.",
    "jemand schickt mir antwort ob ich arbeiten darf?",
    "mozhna shchob Lotse meni podzvonyv?",
    "mne nuzhen normalnyj konsultant, ne bot",
    "mozhete proverit moi dokumenty?",
    "momken 7ada yetasel fiye?",
    "yeki az karmanda ba man tamas begire?",
    "ممكن أبعت صورة الBescheid لحدا عندكم يشوفو",
    "What's the email address of the navigators? I want to send them details about a candidate we're considering and discuss it.",
  ])("recognises by its phrasing (blind batches 51 to 54) %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));
  it.each(["Am I chatting with a human right now?", "Schreibe ich gerade mit einem echten Menschen?", "enta bot? wala fi 7ada 3am yrd 3laye?"])(
    "takes %s, a person asked for, as a request",
    (q) => expect(isHandoffRequest(q)).toBe(true),
  );
  it.each([
    // Only the machine named: a question about Lotse.
    "am i chatting with a bot?",
    // Advice reported, not asked for.
    "Mein Fallmanager meinte, ich soll mich bei den Lotsen melden. Was machen die genau?",
    "My caseworker told me to contact the Lotsen – what do they do?",
    // The address alone: how to reach them (the article on the Lotsen).
    "What's the email address of the navigators?",
    // Talking with someone else.
    "Können wir mit der Ausländerbehörde telefonieren oder müssen wir hingehen?",
  ])("does not take %s for a request for a person (blind batches 51 to 54)", (q) => expect(isHandoffRequest(q)).toBe(false));

  // Blind batches 55 to 58: an info session with the Lotsen, a Lotse coming to us, our papers checked,
  // one of you to have a look, time for a call, put through (also in Moroccan Arabic), your navigators
  // to hold a meeting for us.
  it.each([
    "Hallo, wir haben ca. 15 Ausbilder und würden gern eine Infoveranstaltung mit den Lotsen bei uns im Betrieb machen. Geht das?",
    "Gibt es die Möglichkeit, dass eine Lotsin oder ein Lotse zu uns in die Firma kommt?",
    "brauch dringend wen vom lotsenteam, mein neuer mitarbeiter soll montag anfangen",
    "Könnten Sie die Unterlagen meines Bewerbers prüfen, wenn ich sie Ihnen schicke?",
    "Could one of you have a look at my employee's residence permit? I can bring it in on Thursday.",
    "Do you have time for a short phone call on Friday?",
    "I own a restaurant and need help with a specific case, not general info. Pass me on to a colleague pls.",
    "We'd love to host a joint Q&A day with your navigators for our volunteers.",
    "عافاك دوزني لشي واحد من الخدامة ديالكم",
    "Чи могли б ваші лоцмани провести для нас інформаційну зустріч про роботу?",
  ])("recognises by its phrasing (blind batches 55 to 58) %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));
  it.each([
    // A worker to be placed: the employer service, not a navigator.
    "Wir suchen eine Reinigungskraft, 20 Std/Woche, ab sofort. Können Sie uns jemanden vermitteln?",
    "Ich suche einen Mitarbeiter für unser Lager, können Sie mir jemanden vermitteln?",
    // When and in which language the Lotsen can be reached: the article on them.
    "Wann sind die Lotsen telefonisch zu erreichen?",
    "هل يتكلم المرشدون العربية؟",
    // Someone to talk to of another kind.
    "Our refugee trainee seems traumatised, we need someone to talk to for him. Is there a psychologist who speaks Dari?",
    "أبحث عن شخص أتحدث معه لأنني أشعر بالوحدة منذ وصولي إلى ألمانيا",
  ])("does not take %s for a request for a person (blind batches 55 to 58)", (q) => expect(isHandoffRequest(q)).toBe(false));

  // Blind batches 59 to 62: staff to look over a form, forwarded to whoever handles it, swinging by, a
  // video call, a navigator to come along, the same navigator as last time, dialect, Latin Ukrainian,
  // Arabic "to accompany us", "the same employee", "for someone to call me".
  it.each([
    "please have one of your staff look over the Erklärung zum Beschäftigungsverhältnis I filled in before I hand it in",
    "please forward this to whoever at your office handles employer enquiries",
    "Should a navigator be free tomorrow afternoon, I'd love to swing by Friedrich-Engels-Allee with the documents.",
    "Quick question on BAB for our trainee – and also, is there someone at your end I could run the whole situation past in person?",
    "can someone from your office check this Duldung paper for me, I can send a photo",
    "Would it be possible for one of the navigators to join us at the Ausländerbehörde appointment next Tuesday?",
    "Could we do this over Zoom or Teams instead? Typing all this out is painful.",
    "Any chance of an in-person meeting at the Haus der Integration?",
    "ngl this bot is useless, get me a real one",
    "That's twice now you haven't understood me. Escalate please.",
    "Können Sie sich mal den Bescheid von unserem Mitarbeiter anschauen?",
    "Toll, wieder ein Textbaustein. Gibt's bei euch auch Leute aus Fleisch und Blut, die mal zurückrufen?",
    "Geht auch ein Videocall? Ich sitz in Solingen und komm schlecht rüber nach Wuppertal",
    "Servus, mog mi do wer zruckrufa? I blick des mit dera Duldung ned",
    "mozhna z konsultantom pogovoryty? ne rozumiju nimecku dobre",
    "Можемо зустрітися в Teams? Я у Вупперталі тільки по середах.",
    "Хочу продовжити з тим самим консультантом, що й минулого разу.",
    "أنا متطوع، هل يستطيع أحد المرشدين أن يرافقنا إلى موعد مكتب الأجانب الأسبوع القادم؟",
    "ممكن أكمل مع نفس الموظف يلي حكيت معه المرة الماضية؟",
    "سجلوني على قائمة الانتظار ليتصل بي أحد لاحقاً لو سمحتم",
    "عندي ورقة من الأوسلندربيهورده ما فهمتها، بدي ابعتها لموظف عندكم يشوفها",
  ])("recognises by its phrasing (blind batches 59 to 62) %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));
  it.each([
    // Where someone else should turn: the responsible office.
    "My employee wants to speak to someone about getting his Syrian nursing diploma recognised – where should he go?",
    "Моя працівниця з України хоче поговорити з кимось про визнання диплома медсестри. Куди їй звернутися?",
    // Whether an appointment is needed; contact with another office.
    "Muss ich fuer ein Gespraech mit den Lotsen vorher einen Termin machen oder kann man einfach vorbeikommen?",
    "Bitte um Kontaktaufnahme mit der Bergischen IHK – wie mache ich das am besten, wer ist da Ansprechpartner fuer Ausbildung?",
    // "بشركة" (at a company) is not "بشر" (humans).
    "بدي اعمل Praktikum بشركة كهربا أسبوعين، معي Duldung. لازم إذن؟",
    "بدي وظّف ٣ عمال تنظيف بشركتي، مين ممكن يساعدني ألاقي ناس مناسبين؟",
  ])("does not take %s for a request for a person (blind batches 59 to 62)", (q) => expect(isHandoffRequest(q)).toBe(false));
  it("still reads a navigator asked for beside another office's appointment", () => {
    expect(isHandoffRequest("Könnte eine Lotsin zu unserem Termin bei der Ausländerbehörde am 14. mitkommen? Wir als Betrieb sind da ziemlich unsicher.")).toBe(true);
  });

  // Blind batches 63 to 66: one of you to look at it, a talk for our group, someone of yours who speaks
  // my language, a paper to be checked, explained in person, in Russian, Ukrainian, Iraqi, Moroccan and
  // Sudanese Arabic, Farsi, Sorani, Kurmanji, Turkish and Arabizi.
  it.each([
    "Ich hab den Ablehnungsbescheid von der ABH hier liegen. Kann da mal einer von euch draufgucken bevor die Frist abläuft?",
    "Wir organisieren im März einen Infoabend für Ehrenamtliche. Könnte eine Lotsin oder ein Lotse einen kurzen Input geben?",
    "Könnte einer von Ihnen mal mit uns beiden sprechen?",
    "Чи є у вас співробітник, який говорить українською або російською? Мені треба пояснити мою ситуацію",
    "будь ласка, перевірте мій договір про роботу, чи там все правильно? можу надіслати фото",
    "объясните мне пожалуйста лично, на встрече, я с текстом не справляюсь",
    "Ми група українських мам у Бармені. Чи може хтось від вас прийти і розповісти про роботу і курси?",
    "اكو واحد يحچي عربي عدكم؟",
    "واش كاين شي واحد كيهضر بالعربية ولا بالفرنسية؟",
    "السلام، بغيت نهضر مع شي موظف الله يخليك",
    "کسی هست که دری یا فارسی صحبت کند؟",
    "من یک نامه از اداره گرفتم و نمیفهمم. میشه یکی از همکاران شما نامه را ببیند؟",
    "تشکر، ولی من میخواهم با یک انسان گپ بزنم نه با ماشین",
    "سڵاو، دەمەوێت لەگەڵ فەرمانبەرێک قسە بکەم تکایە",
    "Turkce konusan biri var mi? Almancam iyi degil",
    "Kes heye ku bi kurdî diaxive? Almaniya min ne baş e",
    "law sama7t 3ayez akallem 7ad bel 3araby, mesh ba3raf almany kwayes",
    "salam, bghit rendez-vous m3akom, 3ndi mouchkil f lwra9 dyal lkhedma",
    "Salam, mitunam ba ye karmand vasl sham? chat ro nemifahmam",
  ])("recognises by its phrasing (blind batches 63 to 66) %s", (q) => expect(matchesRequestPhrasing(q)).toBe(true));
  it.each([
    // What the Lotsen are, and whether they cost something: the article on them.
    "اريد اعرف شنو هم اللوتسن؟ شغلهم شنو ومجاني لو بفلوس؟",
    // A talk with another office's clerk.
    "Wie komme ich an einen Termin bei der Ausländerbehörde? Ich will mit dem Sachbearbeiter direkt über meinen Schützling reden",
  ])("does not take %s for a request for a person (blind batches 63 to 66)", (q) => expect(isHandoffRequest(q)).toBe(false));

  // Blind batch 43: voice input that runs on without a stop, read clause by clause.
  it.each([
    "hallo ich bin ehrenamtlich im fluechtlingscafe in oberbarmen und wir betreuen seit ungefaehr einem jahr eine familie aus afghanistan und der vater hat jetzt ein angebot von einer schreinerei bekommen aber er hat nur eine duldung und wir wissen nicht genau wie das mit der erlaubnis laeuft und deswegen wollte ich fragen ob mich mal jemand von ihnen anrufen kann weil das am telefon einfach besser geht als hier im chat",
    "good afternoon i am writing for my father he is 54 and came from iraq and has refugee status and has been without work for almost six years now because of his back and his german and now a friend of ours who owns a small shop would take him for a few hours a week so can we please book an appointment with one of your navigators to go through this together",
    "добрий день я з харкова маю статус за параграфом 24 і працюю в пекарні на пів ставки і ще отримую гроші від джобцентру і мій начальник каже що йому треба заповнити якийсь папір для джобцентру про мою зарплату будь ласка чи може хтось із ваших працівників мені зателефонувати бо я не розумію німецьку добре",
    "السلام عليكم انا من سوريا عندي اقامة لاجئ معترف فيها وكنت اشتغل بسوريا حلاق عشر سنين وبدي افتح صالون حلاقة صغير هون بس ما بعرف اذا لازم يكون عندي شهادة مايستر من غرفة الحرف او لا وكمان ما عندي مصاري كتير لحتى ابلش لو سمحتو بدي حدا من عندكم يتصل فيني او يعطيني موعد لانو بالعربي اسهل الي من الالماني وانا ما بدي اغلط بالاوراق",
  ])("recognises a request in a run-on sentence: %s", (q) => {
    expect(q.length).toBeGreaterThan(300);
    expect(matchesRequestPhrasing(q)).toBe(true);
  });

  it("reads the middle of a letter of many lines, and a run-on story without a request stays none", () => {
    const lines = ["Betreff: Hilfe", "Hallo,", "ich heiße Farid.", "Ich habe Anerkennung seit 2021.", "Ich arbeite jetzt als Helfer in Pflegeheim.", "In Afghanistan ich war Krankenpfleger, 6 Jahre.", "Ich möchte als Fachkraft arbeiten.", "Ich brauche Termin mit Lotse bitte.", "Ich habe alle Papiere, aber nicht übersetzt.", "Die Schule ist gut.", "Mein Chef ist auch gut.", "Danke", "Farid"];
    expect(matchesRequestPhrasing(lines.join("\n"))).toBe(true);
    expect(matchesRequestPhrasing(lines.filter((x) => !x.includes("Termin")).join("\n"))).toBe(false);
    const story = "wir sind eine kleine baeckerei mit drei filialen und haben zwei ukrainische frauen im verkauf die seit 2023 hier sind und jetzt kam im team die frage auf ob die naechstes jahr noch arbeiten duerfen weil irgendwas mit den aufenthaltstiteln auslaeuft und die eine hat schon mit ihrer sachbearbeiterin telefoniert aber die wusste es auch nicht genau und wir wollen nicht dass die ploetzlich nicht mehr kommen duerfen";
    expect(story.length).toBeGreaterThan(300);
    expect(isHandoffRequest(story)).toBe(false);
    // However long the run-on, only its first and last clauses are read, and a request at its end is found.
    expect(isHandoffRequest(`${"und dann war da noch was ".repeat(400)}und deswegen kann mich bitte jemand von ihnen anrufen`)).toBe(true);
    expect(isHandoffRequest("und dann war da noch was ".repeat(4000))).toBe(false);
  });

  it("reads a letter's request above its signature", () => {
    const letter = "Sehr geehrte Damen und Herren,\n\nwir sind ein Betrieb aus Vohwinkel und würden gerne zwei Geflüchtete einstellen. Bisher haben wir damit keine Erfahrung.\n\nWir bitten um Kontaktaufnahme durch eine zuständige Person.\n\nMit freundlichen Grüßen\nSabine Krämer\nPersonalabteilung\nKrämer Metallbau GmbH";
    expect(matchesRequestPhrasing(letter)).toBe(true);
    const english = "Dear Sir or Madam,\n\nI am writing on behalf of Nordstern Logistics GmbH. We are considering hiring several refugees. As we are unfamiliar with the legal framework, we would appreciate it if someone from your team could get in touch with us.\n\nKind regards,\nMark Evans\nHR Manager";
    expect(matchesRequestPhrasing(english)).toBe(true);
    // A postscript under the signature is still read.
    expect(matchesRequestPhrasing("Hallo,\nwie lange dauert die Anerkennung bei der IHK?\nViele Grüße\nAnna Weber\nWeber GmbH\n\nPS: Rufen Sie mich bitte zurück, am besten nach 14 Uhr.")).toBe(true);
    // A short request under a "Danke" is no signature.
    expect(matchesRequestPhrasing("Hallo,\nwie lange dauert die Anerkennung?\nDanke\nbitte rufen Sie mich an")).toBe(true);
    // Without a request, the signature adds none.
    expect(isHandoffRequest("Sehr geehrte Damen und Herren,\n\ndarf unser Azubi mit Duldung die Berufsschule in Solingen besuchen?\n\nMit freundlichen Grüßen\nR. Schulte\nSchulte Gebäudereinigung")).toBe(false);
  });

  // No phrasing knows these; the person model is sure of them, or fairly sure (0.6–0.85) and the
  // message speaks of contact with us (blind batch 20).
  it.each([
    "Ich bitte um Rückmeldung durch eine zuständige Fachkraft.",
    "kann mal jemand von zebera bei uns im betrieb vorbeikommen? wir haben 3 stellen frei und wissen nicht wie wir das angehen sollen",
    "Persönliches Gespräch erwünscht.",
    "Ich hätte lieber einen Lotsen als den Chat.",
    "Is there a contact person I can schedule a meeting with?",
  ])("recognises with the person model %s", (q) => {
    expect(matchesRequestPhrasing(q)).toBe(false);
    expect(isHandoffRequest(q)).toBe(true);
  });

  // In Ukrainian and Arabic the model alone decides, from FOREIGN_PERSON_REQUEST_MIN on.
  it.each([
    "ابي اكلم واحد من الموظفين عندكم",
    "Можна мені консультацію в офісі?",
    "هل ممكن استشارة مع مختص؟",
    "أريد موعد استشارة عندكم",
  ])("recognises with the person model, in Ukrainian or Arabic, %s", (q) => {
    expect(matchesRequestPhrasing(q)).toBe(false);
    expect(isHandoffRequest(q)).toBe(true);
  });

  it.each([
    // The model is as sure of these (0.84–0.91), but they are about hiring someone and about another office calling.
    "أريد توظيف موظف",
    "هل يمكن أن يتصل بي موظف من مكتب الأجانب؟",
  ])("does not take the model's word in Ukrainian or Arabic where the message speaks of hiring or another office: %s", (q) => {
    expect(isHandoffRequest(q)).toBe(false);
  });

  it.each([
    // The model is as sure of these, but they ask about a step of one's own, whom to turn to, a
    // language, or another office's contact data.
    "Brauche ich eine Vollmacht, um jemanden zum Termin zu begleiten?",
    "A business in our neighbourhood would like to take someone on – whom do we contact?",
    "Gibt es jemanden, der ukrainisch sprechen kann?",
    "Kontaktdaten von einem Berater bei der IHK",
  ])("does not take a fairly sure model for a request when the message does not speak of contact with us: %s", (q) => {
    expect(speaksOfContact(q)).toBe(false);
    expect(isHandoffRequest(q)).toBe(false);
  });

  it.each([
    "Darf mein Mitarbeiter mit Duldung Überstunden machen?",
    "Darf ich für meinen Schützling mit dem Sachbearbeiter sprechen?",
    "ich brauche einen Mitarbeiter für mein Lager",
    "Telefonnummer der Ausländerbehörde?",
    "Muss mich die Ausländerbehörde anrufen, wenn die Erlaubnis da ist?",
    "Muss sich die Ausländerbehörde bei uns melden?",
    "Kann sich der Azubi bei uns melden, wenn er Fragen hat?",
    "Darf mein Mitarbeiter mit einer Frau vom Jobcenter sprechen?",
    "Should we discuss the contract with someone from the chamber?",
    "Mein Kollege aus Syrien hat eine Duldung, darf er weiter arbeiten?",
    "Mit wem kann ich bei der IHK über die Anerkennung sprechen?",
    "Kontaktdaten von einem Berater bei der IHK",
    "what is the phone number of the foreigners office",
    "ما هو رقم هاتف مكتب الأجانب؟",
    "Als kleiner Pflegedienst möchten wir gezielt geflüchtete Menschen einstellen, wer kann uns passende Leute vorschlagen?",
    "my employee's asylum claim was rejected",
    // Asking how to reach someone is answered by an article (lotsen-navigatoren, auslaenderbehoerde).
    "Wie erreiche ich eine Lotsin vom Jobcenter?",
    "How do I reach a navigator at the Jobcenter?",
    "Wie erreiche ich die Ausländerbehörde Wuppertal?",
    "what is the phone number of the foreigners office",
    "Wo bekomme ich einen Beratungstermin zur Anerkennung bei der IQ Beratung?",
    "Can my employee get in touch with the Jobcenter himself?",
    "Can a person with a Duldung help us in the shop?",
    "Darf ich Unterlagen an den Mitarbeiter im Jobcenter weitergeben?",
    "Gibt es jemanden, der ukrainisch sprechen kann?",
    "can I put my colleague as contact on the EGZ form",
    "Чи може хтось пояснити, як зв'язатися з Ausländerbehörde?",
    "Як записатися на прийом до Ausländerbehörde?",
    "كيف أحجز موعد في دائرة الأجانب؟",
    "Can my employee talk to the Jobcenter during work hours?",
    "Mit wem kann ich über die Anerkennung meines Abschlusses sprechen?",
    "Who can I talk to about recognising a foreign degree?",
    "Muss ich da irgendwo anrufen und Bescheid geben, wenn ein Mitarbeiter mit Duldung kündigt?",
    "Können wir einen Termin bei der Ausländerbehörde machen?",
    "How do I arrange an appointment at the immigration office for my employee?",
    "I'd like to arrange a meeting with the foreigners office for my employee.",
    "Як домовитися про зустріч у відомстві у справах іноземців?",
    "كيف بحجز موعد بمكتب الأجانب؟",
    "Is the actual employee required to sign the form?",
    "Can the navigators approve the work permit for my employee if I talk to them, or is that someone else?",
    "Können die Lotsen über die Arbeitserlaubnis entscheiden, wenn ich mit ihnen spreche?",
    "المؤجر ما رضي يرجعلي الكاوتسيون بعد ما طلعت من البيت، شو بعمل؟",
    "Darf ich mit meinen Azubis gerne mal über ihre Zukunft sprechen?",
    "Kann mein Mitarbeiter den Termin bei der Ausländerbehörde verschieben?",
    "Чи може хтось пояснити мені, як працює Bürgergeld?",
    "Bringt mir ein Sprachkurs nichts, wenn ich schon B1 habe?",
    "كيف بحجز موعد بمكتب الأجانب مع الموظف المسؤول هناك؟",
    // Blind batch 35: another office's appointment; what someone at another office said.
    "Kann ich mit dem Arbeitgeber-Service einen Termin machen, um eine freie Ausbildungsstelle zu melden?",
    "تحدثت بالهاتف مع موظفة في الوكالة، وقالت إن شهادتي الجامعية تحتاج إلى تقييم من ZAB. كم يكلف ذلك؟",
    "Wie erreiche ich das Team zebera telefonisch?",
    // Blind batch 40: advice a colleague gave, reported; another office's callback; how talking to the
    // Lotsen works; whether the Jobcenter has a person at all. And near misses of the new phrasings.
    "Ihre Kollegin am Telefon sagte, der Eingliederungszuschuss muss vor dem Arbeitsvertrag beantragt werden. Heißt das, wenn der Vertrag schon unterschrieben ist, gibts nix mehr?",
    "Rückruf von der Ausländerbehörde kommt einfach nicht. Darf mein Mitarbeiter mit Duldung schon mal anfangen, solange der Antrag läuft?",
    "Wie läuft das eigentlich, wenn man mit den Lotsen sprechen will – geht das telefonisch, vor Ort oder nur über den Chat?",
    "Does the Jobcenter have an actual human contact for companies, or is everything online now?",
    "Wir würden sie gern zum Vorstellungsgespräch einladen, braucht sie eine Erlaubnis?",
    "Darf unser Azubi bei unserer Mitgliederversammlung berichten?",
    "I'd like an appointment at the Ausländerbehörde",
    "How do I request an appointment with the ABH?",
    "ابني يجلس معي في البيت",
    "المحامي يراجع اوراقي",
    "لازم اجي للمكتب؟",
    "چطور از اداره اتباع خارجی وقت ملاقات بگیرم؟",
    "Yabancılar dairesinden randevu almak istiyorum, nasıl?",
    // Blind batches 43 and 44: advice reported, a talk had last year, which office is the right one,
    // a talk the asker has anyway, a boss who talked to me, another office that said it would call.
    "Die Arbeitsvermittlerin hat gesagt, sie gibt das an den Arbeitgeber-Service weiter und die melden sich bei uns. Wer ist das eigentlich, der Arbeitgeber-Service?",
    "Wir hatten letztes Jahr mal ein Gespräch mit einer Lotsin von Ihnen, das war sehr hilfreich – damals ging es um einen Azubi mit Duldung.",
    "Wer ist der richtige Ansprechpartner fürs Kindergeld bei geflüchteten Familien, Jobcenter oder Sozialamt? Meine Patenfamilie wartet seit Monaten.",
    "Ich bin ehrenamtlich Patin für eine Familie aus Eritrea. Darf ich den Bescheid und die Ausweiskopie einfach ans Jobcenter mailen, wenn ich eh mit der Sachbearbeiterin telefoniere?",
    "Мій начальник говорив зі мною на зустрічі, що мені треба покращити німецьку до B2, бо я працюю з клієнтами.",
    "حكينا مع البلدية وقالوا رح يتصلوا فينا وما حدا اتصل. كيف بلاقي مكان بالكيتا بفوبرتال؟",
  ])("does not mistake %s for a request for a person", (q) => expect(isHandoffRequest(q)).toBe(false));
  it("finds a request for a person at either end of a long message, and nothing in a long story without one", () => {
    const story = "Wir sind eine kleine Bäckerei in Elberfeld und wollen einen jungen Mann aus Syrien ausbilden. Er hat eine Duldung, die Schule hat er hier fast fertig. Wir wissen nicht, wie es mit der Ausbildungsduldung und dem Papierkram läuft, und die Ausländerbehörde hat auf unsere Mail von letzter Woche noch nicht geantwortet.";
    expect(story.length).toBeGreaterThan(300);
    expect(isHandoffRequest(`${story} Kann sich bitte jemand aus Ihrem Team bei uns melden?`)).toBe(true);
    expect(isHandoffRequest(`Bitte rufen Sie mich zurück. ${story}`)).toBe(true);
    expect(isHandoffRequest(story)).toBe(false);
    expect(isHandoffRequest("ja. ".repeat(2000))).toBe(false);
    expect(isHandoffRequest(`${"Duldung. ".repeat(500)}Ich will einen Menschen sprechen.`)).toBe(true);
  });
});
