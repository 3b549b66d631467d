<?xml version="1.0" encoding="UTF-8"?>
<!-- Service health: every service (or one customer's, or one service
     with its last 30 days), its state and its incidents. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <!-- /health/ID: one service. -->
  <xsl:variable name="one" select="starts-with(/page/@path, '/health/')"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template>
    <xsl:if test="$one"><xsl:value-of select="concat(': ', health/service/name)"/></xsl:if>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template>
      <xsl:if test="$one"><xsl:value-of select="concat(': ', health/service/name)"/></xsl:if>
      <xsl:if test="health/customer"><xsl:value-of select="concat(' — ', health/customer/name)"/></xsl:if>
    </h1>
    <xsl:if test="$one">
      <p><a href="/health"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.all_services'"/></xsl:call-template></a></p>
    </xsl:if>
    <xsl:for-each select="health/service">
      <section class="service-health">
        <h2>
          <xsl:choose>
            <xsl:when test="$one"><xsl:value-of select="name"/></xsl:when>
            <xsl:otherwise><a href="/health/{@id}"><xsl:value-of select="name"/></a></xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
          <span class="badge health-{@health}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', @health)"/></xsl:call-template>
          </span>
        </h2>
        <xsl:choose>
          <xsl:when test="incident">
            <ul class="incidents">
              <xsl:for-each select="incident">
                <li>
                  <strong><xsl:value-of select="title"/></strong>
                  <xsl:text> · </xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'health.since'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:for-each select="started"><xsl:call-template name="time"/></xsl:for-each>
                  <xsl:if test="resolved">
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'health.resolved'"/></xsl:call-template>
                    <xsl:text> </xsl:text>
                    <xsl:for-each select="resolved"><xsl:call-template name="time"/></xsl:for-each>
                  </xsl:if>
                  <xsl:if test="normalize-space(impact)"><p><xsl:value-of select="impact"/></p></xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'health.no_incidents'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
