extension ThreatLexicon {
    /// What changes how an order reads: talk about attacks (a scanner quoting an example), defences
    /// (untrusted content, values never returned), and fees (what a hidden charge is about).
    static let context: [(Concept, [String])] = [
        (.attackTalk, [
            "injection|injections|prompt-injection|jailbreak*|detect|detects|detecting|detection|detector|detectors|attack|attacks|attacker*",
            "malicious|malware|sanitiz*|guardrail*|scanner|scanners|poison*|red-team|redteam|adversarial|phishing|exploit*|pentest*|sigma|payload|payloads|owasp / red team",
            "inyección|inyecciones|detect*|ataque*|malicios*|injektion*|erkenn*|angriff*|bösartig*|détect*|attaque*|malveillant*",
            "iniezion*|rilev*|attacc*|malevol*|injeção|injeções|инъекц*|атак*|вредонос*|обнаруж*|джейлбрейк*",
            "インジェクション|攻撃|検出|検知|脱獄|悪意|注入|攻击|检测|越狱|恶意|인젝션|공격|탐지|탈옥|악성|판별",
        ]),
        (.defensive, [
            "untrusted / never|not follow ~3 instructions / treat ~3 as data",
            "never|not (be)? returned|sent|transmitted|shared|stored|leaves|leave|logged|disclosed|exposed",
            "only|read locally / stays local / masked|redacted / revoke|revoking|revoked|revocar|revoca|révoquer|révoque|widerrufen|отозвать|отзов*|撤销|取り消|폐기",
            "no fiable / no confiable / nunca ~3 envía|sale|transmite|devuelve / solo localmente",
            "nicht vertrauenswürdig* / nie|niemals ~3 übertragen|gesendet / nur lokal",
            "non fiable / jamais ~3 transmis*|envoyé*|renvoyé* / uniquement en local",
            "non attendibile / mai ~3 inviat*|trasmess*|restituit* / solo in locale",
            "não confiável / nunca ~3 enviad*|transmitid*|retornad*|retornados",
            "ненадёжн*|недоверенн* / никуда не ~2 передаётся|передается / только локальн*",
            "送信されません|どこにも|信頼できない|仅在本地|不受信任|전송되지 / 不会 ~4 发送|上传|传输|返回 / 신뢰할 수 없는 / 로컬에서만",
        ]),
        (.fee, [
            "fee|fees|surcharge|surcharges|commission|commissions|markup / service charge",
            "comisión|comisiones|recargo|tarifa|gebühr*|aufschlag*|provision*|frais|majoration|supplément",
            "commission*|maggiorazion*|sovrapprezzo|taxa|taxas|comissão|комисси*|наценк*|手数料|手续费|服务费|附加费|수수료",
        ]),
    ]
}
