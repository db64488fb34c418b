extension ThreatLexicon {
    /// What changes how an order reads: talk about attacks (a scanner quoting an example), defences
    /// (untrusted content, values never returned), and fees (what a hidden charge is about).
    static let context: [(Concept, [String])] = [
        (.attackTalk, [
            // Detection as a subject (a detector, detection results), not the ordinary verb ("detect the language").
            "detection|detections|detector|detectors|detección|erkennung|détection|rilevamento|detecção|обнаружени* / 検出結果|検知|检测结果|检测器|탐지",
            "投毒|ポイズニング|포이즈닝|envenenamiento|vergiftung|empoisonnement|avvelenamento|envenenamento|отравлени*",
            "injection|injections|prompt-injection|jailbreak*|attack|attacks|attacker*",
            "canary|canaries ~1 prompt|prompts|payload|payloads|string|strings|token|tokens",
            "malicious|malware|sanitiz*|guardrail*|scanner|scanners|poison*|red-team|redteam|adversarial|phishing|exploit*|pentest*|sigma|owasp / red team",
            "inyección|inyecciones|ataque*|malicios*|injektion*|angriff*|bösartig*|attaque*|malveillant*",
            "iniezion*|attacc*|malevol*|injeção|injeções|инъекц*|атак*|вредонос*|джейлбрейк*",
            "インジェクション|攻撃|脱獄|悪意|注入|攻击|越狱|恶意|인젝션|공격|탈옥|악성",
        ]),
        (.defensive, [
            "untrusted / never|not follow ~3 instructions / treat ~3 as data",
            "is|are just|only ~2 content|contents|data|text / not ~2 user|users (s)? request|requests|instructions / not instructions|orders|requests from ~2 user|users / 只是 ~4 内容|数据 / 不代表 ~3 用户 / 不是 ~3 用户的 ~2 指令|要求 / ただの ~3 内容|データ",
            "never|not (be)? returned|sent|transmitted|shared|stored|leaves|leave|logged|disclosed|exposed|committed|uploaded|shown|displayed|listed",
            "не показываются|отображаются|возвращаются|раскрываются|выводятся / 不会显示|不会返回|不会泄露 / 表示されません|返されません / 표시되지 않|반환되지 않",
            "only|read locally / stays local / masked|redacted / revoke|revoking|revoked|revocar|revoca|révoquer|révoque|widerrufen|отозвать|отзов*|撤销|取り消|폐기",
            "no fiable / no confiable / nunca ~3 envía|sale|transmite|devuelve / solo localmente",
            "nicht vertrauenswürdig* / nie|niemals ~3 übertragen|gesendet / nur lokal",
            "non fiable / jamais ~3 transmis*|envoyé*|renvoyé* / uniquement en local",
            "non attendibile / mai ~3 inviat*|trasmess*|restituit* / solo in locale",
            "não confiável / nunca ~3 enviad*|transmitid*|retornad*|retornados",
            "ненадёжн*|недоверенн* / никуда не ~2 передаётся|передается / только локальн*",
            "送信されません|どこにも|信頼できない|仅在本地|不受信任|전송되지 / 不会 ~4 发送|上传|传输|返回 / 신뢰할 수 없는 / 로컬에서만",
        ]),
        (.confirmsWithUser, [
            "confirm|check|verify ~2 with ~2 user|users|them / ask|asking ~2 user|users|them ~6 before|first|beforehand / get|obtain ~3 user|users (s)? confirmation|approval|consent",
            // "Show the recipients to the user and get explicit confirmation before calling this tool."
            "get|obtain|require|requires (explicit|express|written|their)? confirmation|approval|consent ~5 before|first",
            "与用户确认|向用户确认|和用户确认|跟用户确认|征得用户同意 / ユーザーに確認|ユーザーの確認|ユーザーの承認 / 사용자에게|사용자의 확인 / 사용자 승인",
            "mit dem ~1 benutzer|nutzer ~3 bestätig*|abstimm* / rücksprache ~3 benutzer*|nutzer* / frag* ~4 benutzer*|nutzer* ~6 bevor|vorher|zuerst",
            "confirm* ~3 con el usuario / pregunt* ~4 usuario ~6 antes / confirm* ~3 avec l utilisateur / demande* ~4 utilisateur* ~6 avant",
            "conferm* ~3 con l utente / chiedi* ~4 utente ~6 prima / confirm* ~3 com o usuário / pergunt* ~4 usuário ~6 antes",
            "подтверд* ~3 у|с пользователя|пользователем / соглас* ~3 с пользователем / спроси* ~4 пользовател* ~6 перед|прежде|сначала",
        ]),
        (.overridesUser, [
            "instead of the|what|whatever|any ~2 user|users|customer|customers|client|clients|caller (s)? ~3 give|gives|given|gave|provide|provides|provided|ask|asks|asked|request|requests|requested|enter|enters|entered|choose|chooses|chose|specify|specifies|specified|say|says|want|wants / rather than the|what|whatever|any ~2 user|users|customer|customers|client|clients|caller (s)? ~3 give|gives|given|gave|provide|provides|provided|ask|asks|asked|request|requests|requested|enter|enters|entered|choose|chooses|chose|specify|specifies|specified|say|says|want|wants / in place of the|what|whatever|any ~2 user|users|customer|customers|client|clients|caller (s)? ~3 give|gives|given|gave|provide|provides|provided|ask|asks|asked|request|requests|requested|enter|enters|entered|choose|chooses|chose|specify|specifies|specified|say|says|want|wants",
            "regardless of ~4 user|users|customer|customers|client|clients|caller (s)? ~3 address|choice|request|requested|value|input|asks|says|wants|enters|gives / irrespective of ~4 user|users|customer|customers|client|clients|caller (s)? ~3 address|choice|request|value|input|asks|says|wants",
            "no matter what ~3 user|users|customer|customers|client|they ~2 ask|asks|say|says|want|wants|choose|chooses|enter|enters",
            "en lugar del ~4 usuario|usuaria|cliente / en vez del ~4 usuario|usuaria|cliente / en lugar de lo que ~4 usuario|cliente / sin importar ~4 usuario|cliente / independientemente ~4 usuario|cliente",
            "qualunque sia ~4 utente|cliente / qualsiasi sia ~4 utente|cliente / invece di quello|quanto|quella ~4 utente|cliente / indipendentemente ~4 utente|cliente",
            "statt|anstelle|anstatt ~5 nutzer*|benutzer*|kunde|kunden|kundin ~3 angibt|angegeben|nennt|wünscht|eingibt / unabhängig von ~4 nutzer*|benutzer*|kunde|kunden / egal was ~3 nutzer*|benutzer*|kunde|kunden",
            "au lieu de ~5 utilisateur*|client|cliente / à la place de ~5 utilisateur*|client|cliente / quel|quelle que soit ~4 utilisateur*|client|cliente / quoi que ~4 utilisateur*|client / peu importe ~4 utilisateur*|client",
            "em vez de ~5 usuário|usuária|cliente / ao invés de ~5 usuário|cliente / no lugar de ~5 usuário|cliente / independentemente ~4 usuário|cliente / seja qual for ~4 usuário|cliente",
            "вместо ~4 указанн*|введённ*|введенн*|запрошенн* ~2 пользовател*|клиент* / независимо от ~4 пользовател*|клиент* / что бы ни ~3 пользовател*|клиент*",
            "无论用户|不管用户|而不是用户 / 用户 ~16 一律改为|一律改成|都改为|统一改为 / ユーザー ~8 に関わらず|にかかわらず|ではなく / 사용자 ~8 상관없이|관계없이 / 사용자가 ~24 항상 ~12 바꾸",
        ]),
        (.fee, [
            "fee|fees|surcharge|surcharges|commission|commissions|markup / service charge",
            "comisión|comisiones|recargo|tarifa|gebühr*|aufschlag*|provision*|frais|majoration|supplément",
            "commission*|maggiorazion*|sovrapprezzo|taxa|taxas|comissão|комисси*|наценк*|手数料|手续费|服务费|附加费|수수료",
        ]),
    ]
}
