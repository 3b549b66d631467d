<?xml version="1.0" encoding="UTF-8"?>
<!-- A notification email from an outbox row's model (lib/outbox.c):
     the first line is the subject, the rest the plain-text body.  Texts
     come from messages/mail.xml in the recipient's language. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="messages.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="pd-lang" select="string(/mail/@lang)"/>
  <xsl:variable name="pd-catalogue" select="'mail'"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <xsl:template match="/mail[@kind = 'request_event' or @kind = 'new_request']">
    <xsl:variable name="what">
      <xsl:choose>
        <xsl:when test="@kind = 'new_request'">mail.new_request</xsl:when>
        <xsl:when test="event/@side = 'partner' and event/@kind = 'note'">mail.partner.note</xsl:when>
        <xsl:when test="event/@side = 'partner' and event/to = 'closed'">mail.partner.closed</xsl:when>
        <xsl:when test="event/@side = 'partner' and event/from = 'closed'">mail.partner.reopened</xsl:when>
        <xsl:when test="event/@side = 'partner'">mail.partner.status</xsl:when>
        <xsl:when test="event/@kind = 'status' and event/to = 'closed'">mail.event.closed</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('mail.event.', event/@kind)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- Subject -->
    <xsl:value-of select="concat('[partnerdesk] #', request/@id, ' ', request/title, ': ')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="$what"/></xsl:call-template>
    <xsl:value-of select="concat($nl, $nl)"/>
    <!-- Body -->
    <xsl:value-of select="concat('#', request/@id, ' ', request/title, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'field.severity'"/></xsl:call-template>
    <xsl:text>: </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('severity.', request/@severity)"/></xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:if test="@kind = 'new_request'">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', request/partner, $nl)"/>
      <xsl:if test="string(request/customer)">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.customer'"/></xsl:call-template>
        <xsl:value-of select="concat(': ', request/customer, $nl)"/>
      </xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', request/service, $nl)"/>
    </xsl:if>
    <xsl:if test="event">
      <xsl:value-of select="$nl"/>
      <xsl:value-of select="event/author"/>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$what"/></xsl:call-template>
      <xsl:if test="event/@kind = 'flag'">
        <xsl:text> (</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('flag.', event/to)"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:if test="event/@kind = 'status' and event/to != 'closed'">
        <xsl:text>: </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('status.', event/to)"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="event/@kind = 'severity'">
        <xsl:value-of select="concat(': ', event/from, ' → ', event/to)"/>
      </xsl:if>
      <xsl:value-of select="$nl"/>
      <xsl:if test="string(event/text)">
        <xsl:value-of select="concat($nl, event/text, $nl)"/>
      </xsl:if>
    </xsl:if>
    <xsl:if test="file">
      <xsl:value-of select="$nl"/>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'mail.files'"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:for-each select="file">
        <xsl:value-of select="concat('- ', @name, ': ', /mail/@base, '/requests/', /mail/request/@id, '/attachments/', @id, $nl)"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:value-of select="concat($nl, @base, '/requests/', request/@id, $nl)"/>
    <xsl:call-template name="footer"/>
  </xsl:template>

  <!-- An incident's update, to the contacts of its linked requests. -->
  <xsl:template match="/mail[@kind = 'incident_update']">
    <xsl:value-of select="concat('[partnerdesk] ', incident/title, ': ')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'mail.incident_update'"/></xsl:call-template>
    <xsl:value-of select="concat($nl, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.kind.', incident/@kind)"/></xsl:call-template>
    <xsl:value-of select="concat(': ', incident/title, $nl)"/>
    <xsl:value-of select="concat(incident/services, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', incident/@status)"/></xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:if test="update/expected-end">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'mail.expected_end'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', update/expected-end, $nl)"/>
    </xsl:if>
    <xsl:value-of select="concat($nl, update/text, $nl)"/>
    <xsl:value-of select="concat($nl, @base, '/health/incidents/', incident/@id, $nl)"/>
    <xsl:call-template name="footer"/>
  </xsl:template>

  <xsl:template match="/mail[@kind = 'case_event']">
    <xsl:value-of select="concat('[partnerdesk] ', case/partner, ': ')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'mail.case'"/></xsl:call-template>
    <xsl:value-of select="concat(' #', case/@id, ' — ')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('mail.step.', event/@kind)"/></xsl:call-template>
    <xsl:value-of select="concat($nl, $nl)"/>
    <xsl:value-of select="concat(event/author, ': ')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('mail.step.', event/@kind)"/></xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:if test="string(event/text)">
      <xsl:value-of select="concat($nl, event/text, $nl)"/>
    </xsl:if>
    <xsl:value-of select="concat($nl, @base, '/remediation/', case/@id, $nl)"/>
    <xsl:call-template name="footer"/>
  </xsl:template>

  <!-- To one user: the invitation to set a first password, or the reset
       link; user/partner is empty for operator staff. -->
  <xsl:template match="/mail[@kind = 'invitation' or @kind = 'password_reset']">
    <xsl:variable name="invited" select="@kind = 'invitation'"/>
    <xsl:text>[partnerdesk] </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="k">
      <xsl:choose><xsl:when test="$invited">mail.invitation.subject</xsl:when><xsl:otherwise>mail.password_reset.subject</xsl:otherwise></xsl:choose>
    </xsl:with-param></xsl:call-template>
    <xsl:value-of select="concat($nl, $nl, user/name, ',', $nl, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k">
      <xsl:choose><xsl:when test="$invited">mail.invitation.body</xsl:when><xsl:otherwise>mail.password_reset.body</xsl:otherwise></xsl:choose>
    </xsl:with-param></xsl:call-template>
    <xsl:if test="$invited and string(user/partner)">
      <xsl:value-of select="concat(' (', user/partner, ')')"/>
    </xsl:if>
    <xsl:value-of select="concat(':', $nl, $nl, @base, '/password/set?token=', token, $nl, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k">
      <xsl:choose><xsl:when test="$invited">mail.invitation.expiry</xsl:when><xsl:otherwise>mail.password_reset.expiry</xsl:otherwise></xsl:choose>
    </xsl:with-param></xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="footer"/>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:value-of select="concat($nl, '-- ', $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'mail.footer'"/></xsl:call-template>
    <xsl:value-of select="$nl"/>
  </xsl:template>
</xsl:stylesheet>
